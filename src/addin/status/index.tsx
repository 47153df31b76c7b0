import { createRoot } from 'react-dom/client';
import { createGraphSentItems } from './adapters/graphSentItems';
import { createHttpStatusApi } from './adapters/httpStatusApi';
import { createMsalTokens } from './adapters/msalTokens';
import { createOfficeMailbox } from './adapters/officeMailbox';
import { readStatusConfig } from './adapters/config';
import type { PaneLogger, StatusPorts } from './ports';
import { StatusApp } from './StatusApp';

// TODO: use the add-in's one logger once the compose branch lands it; until then the pane is silent.
const silentLogger: PaneLogger = { debug: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Entry of the read-mode "Open status" pane. It needs Office.js: nothing renders before
 * `Office.onReady`, because the first thing the pane reads is the selected item.
 */
async function start(): Promise<void> {
  await Office.onReady();
  const config = readStatusConfig();
  const tokensFor = createMsalTokens(config.clientId, config.authority);
  const apiTokens = tokensFor([config.apiScope]);
  const graphTokens = tokensFor(['Mail.Read']);

  const ports: StatusPorts = {
    api: createHttpStatusApi(config.serverOrigin, apiTokens),
    mailbox: createOfficeMailbox(),
    graph:
      config.addInId === '' ? null : createGraphSentItems(config.graphBaseUrl, config.addInId, graphTokens),
    logger: silentLogger,
    signIn: async () => {
      await apiTokens.getToken({ interactive: true });
    },
  };

  // The page template keeps the browser's default body margin, which would add scroll bars.
  document.body.style.margin = '0';
  const container = document.getElementById('root');
  if (container === null)
    throw new Error('status.html has no element with id "root" to render the pane into.');
  createRoot(container).render(<StatusApp ports={ports} />);
}

void start();
