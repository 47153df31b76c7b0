import { readAddinConfig, SETTINGS } from '../../build/addinConfig';

describe('readAddinConfig', () => {
  test('defaults are Microsoft endpoints and the dev origin', () => {
    expect(readAddinConfig({})).toEqual({
      publicUrl: 'https://localhost:3000',
      serverOrigin: 'https://localhost:3000',
      clientId: '00000000-0000-0000-0000-000000000000',
      apiScope: '',
      authority: 'https://login.microsoftonline.com/organizations',
      graphBaseUrl: 'https://graph.microsoft.com/v1.0',
      officeJsUrl: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
    });
  });

  test('simulator values come only from variables', () => {
    const config = readAddinConfig({
      READMARK_PUBLIC_URL: 'http://127.0.0.1:3100/',
      READMARK_SERVER_ORIGIN: 'http://localhost:3200',
      READMARK_CLIENT_ID: 'sim-client',
      READMARK_API_SCOPE: 'api://sim-api/access_as_user',
      READMARK_AUTHORITY: 'http://127.0.0.1:3300/sim-tenant/v2.0/',
      READMARK_GRAPH_URL: 'http://127.0.0.1:3300/graph/v1.0',
      READMARK_OFFICE_JS_URL: 'http://127.0.0.1:3100/simulator/office.js',
    });
    expect(config).toEqual({
      publicUrl: 'http://127.0.0.1:3100',
      serverOrigin: 'http://localhost:3200',
      clientId: 'sim-client',
      apiScope: 'api://sim-api/access_as_user',
      authority: 'http://127.0.0.1:3300/sim-tenant/v2.0',
      graphBaseUrl: 'http://127.0.0.1:3300/graph/v1.0',
      officeJsUrl: 'http://127.0.0.1:3100/simulator/office.js',
    });
  });

  test('blank variables fall back to defaults', () => {
    expect(readAddinConfig({ READMARK_PUBLIC_URL: '  ' }).publicUrl).toBe('https://localhost:3000');
  });

  test.each([
    ['READMARK_PUBLIC_URL', 'readmark.example', 'expected an absolute URL, received "readmark.example"'],
    [
      'READMARK_PUBLIC_URL',
      'http://readmark.example',
      'expected an https:// URL (http:// only on localhost)',
    ],
    [
      'READMARK_PUBLIC_URL',
      'https://readmark.example/app',
      'expected an origin without path, query or fragment',
    ],
    ['READMARK_AUTHORITY', 'ftp://login.example', 'expected an https:// URL'],
    ['READMARK_OFFICE_JS_URL', 'office.js', 'expected an absolute URL'],
  ])('%s=%s is rejected', (variable, value, message) => {
    expect(() => readAddinConfig({ [variable]: value })).toThrow(`Invalid ${variable}: ${message}`);
  });

  test('every setting documents its variable', () => {
    for (const setting of Object.values(SETTINGS)) {
      expect(setting.variable).toMatch(/^READMARK_[A-Z_]+$/);
      expect(setting.meaning.length).toBeGreaterThan(10);
    }
  });
});
