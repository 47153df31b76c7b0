/**
 * Entry of the compose task pane (compose.html). Waits for Office.js, then renders the pane.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { createReadmarkApi } from '../api/client';
import { createSignIn } from '../auth/signIn';
import { getAddinConfig } from '../config';
import { whenOfficeReady } from '../office/ready';
import { ComposePane } from './ComposePane';
import { requestReadReceipt } from './requestReadReceipt';

const config = getAddinConfig();
const signIn = createSignIn(config);
const tracking = {
  api: createReadmarkApi({
    serverOrigin: config.serverOrigin,
    getAccessToken: () => signIn.getAccessToken('readmark-api'),
  }),
  newClientRequestId: () => crypto.randomUUID(),
};
const requestReceipt = (requested: boolean): Promise<void> =>
  requestReadReceipt(
    {
      graphBaseUrl: config.graphBaseUrl,
      getGraphToken: () => signIn.getAccessToken('graph-mail-readwrite'),
    },
    requested,
  );

void whenOfficeReady().then(() => {
  const container = document.getElementById('root');
  if (container) {
    createRoot(container).render(
      <FluentProvider theme={webLightTheme}>
        <ComposePane tracking={tracking} requestReadReceipt={requestReceipt} />
      </FluentProvider>,
    );
  }
});
