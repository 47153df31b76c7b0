import { readAddinConfig, SETTINGS, SIMULATOR_FALLBACKS } from '../../build/addinConfig';
import {
  DEFAULT_SERVER_PORT,
  DEFAULT_SIMULATOR_PORT,
  SIMULATED_ADDIN_CLIENT_ID,
  SIMULATED_API_CLIENT_ID,
} from '../../src/simulator/defaults';

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
      READMARK_ADDIN_CLIENT_ID: 'sim-client',
      READMARK_API_SCOPE: 'api://sim-api/access_as_user',
      READMARK_ADDIN_AUTHORITY: 'http://127.0.0.1:3300/sim-tenant/v2.0/',
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
    ['READMARK_ADDIN_AUTHORITY', 'ftp://login.example', 'expected an https:// URL'],
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

describe('simulator profile', () => {
  test('unset variables take the simulator values', () => {
    expect(readAddinConfig({}, 'simulator')).toEqual({
      ...SIMULATOR_FALLBACKS,
      serverOrigin: SIMULATOR_FALLBACKS.publicUrl,
    });
  });

  test('variables still win over the profile', () => {
    expect(readAddinConfig({ READMARK_ADDIN_CLIENT_ID: 'other' }, 'simulator').clientId).toBe('other');
  });

  test('values match the simulator defaults', () => {
    expect(SIMULATOR_FALLBACKS.clientId).toBe(SIMULATED_ADDIN_CLIENT_ID);
    expect(SIMULATOR_FALLBACKS.apiScope).toBe(`api://${SIMULATED_API_CLIENT_ID}/access_as_user`);
    expect(SIMULATOR_FALLBACKS.publicUrl).toBe(`http://127.0.0.1:${DEFAULT_SERVER_PORT}`);
    for (const url of [
      SIMULATOR_FALLBACKS.authority,
      SIMULATOR_FALLBACKS.graphBaseUrl,
      SIMULATOR_FALLBACKS.officeJsUrl,
    ]) {
      expect(new URL(url).origin).toBe(`http://127.0.0.1:${DEFAULT_SIMULATOR_PORT}`);
    }
  });

  test('unknown profile is rejected', () => {
    expect(() => readAddinConfig({}, 'staging' as 'simulator')).toThrow('Invalid webpack --env profile');
  });
});
