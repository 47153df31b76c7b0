import type { AddinConfig } from '../../src/addin/config';

/** A configured build: a real-looking client id and scope on Microsoft's endpoints. */
export const testConfig: AddinConfig = {
  clientId: '11111111-2222-3333-4444-555555555555',
  apiScope: 'api://readmark-api/access_as_user',
  authority: 'https://login.microsoftonline.com/organizations',
  graphBaseUrl: 'https://graph.microsoft.com/v1.0',
  serverOrigin: 'https://readmark.example',
  officeJsUrl: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
  addInId: 'f7aa590c-2067-460a-88ac-1bbde23b9316',
};
