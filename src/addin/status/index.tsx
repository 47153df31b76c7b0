import { createRoot } from 'react-dom/client';
import { createReadmarkApi } from '../api/client';
import { createSignIn } from '../auth/signIn';
import { getAddinConfig } from '../config';
import { createLogger } from '../logger';
import { whenOfficeReady } from '../office/ready';
import { createGraphSentItems } from './adapters/graphSentItems';
import { createOfficeMailbox } from './adapters/officeMailbox';
import { toPaneError } from './adapters/paneErrors';
import { createReceiptPort } from './adapters/readReceipts';
import { createStatusApi } from './adapters/statusApi';
import type { StatusPorts } from './ports';
import { StatusApp } from './StatusApp';

/** Builds the pane's ports from the add-in's shared modules; the one place that wires them. */
function createPorts(): StatusPorts {
  const config = getAddinConfig();
  const signIn = createSignIn(config);
  const logger = createLogger('status');
  // Background refreshes never open a sign-in window; only the "Sign in" button does.
  const api = createReadmarkApi({
    serverOrigin: config.serverOrigin,
    getAccessToken: () => signIn.getAccessToken('readmark-api', { silentOnly: true }),
  });

  const getGraphToken = () => signIn.getAccessToken('graph-mail-read', { silentOnly: true });

  return {
    api: createStatusApi(api),
    mailbox: createOfficeMailbox(logger),
    graph:
      config.addInId === '' ? null : createGraphSentItems(config.graphBaseUrl, config.addInId, getGraphToken),
    receipts: createReceiptPort({
      graphBaseUrl: config.graphBaseUrl,
      addInId: config.addInId,
      getGraphToken,
      api,
      storage: window.localStorage,
      logger,
    }),
    logger,
    signIn: async () => {
      try {
        await signIn.getAccessToken('readmark-api');
      } catch (error) {
        throw toPaneError(error);
      }
    },
  };
}

/**
 * Entry of the read-mode "Open status" pane. It needs Office.js: nothing renders before
 * Office is ready, because the first thing the pane reads is the selected item.
 */
async function start(): Promise<void> {
  await whenOfficeReady();
  // The page template keeps the browser's default body margin, which would add scroll bars.
  document.body.style.margin = '0';
  const container = document.getElementById('root');
  if (container === null)
    throw new Error('status.html has no element with id "root" to render the pane into.');
  createRoot(container).render(<StatusApp ports={createPorts()} />);
}

void start();
