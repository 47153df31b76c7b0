/**
 * Build-time configuration of the add-in, read from environment variables when webpack runs.
 * Defaults are Microsoft's real endpoints and a development origin; a build for a tenant sets
 * at least READMARK_PUBLIC_URL, READMARK_ADDIN_CLIENT_ID and READMARK_API_SCOPE. The simulator points
 * the same variables at its own identity provider, Graph and Office host script.
 */

const { URL } = require('node:url');

/** Variable name, default and meaning of every setting (the README lists the same table). */
const SETTINGS = {
  publicUrl: {
    variable: 'READMARK_PUBLIC_URL',
    fallback: 'https://localhost:3000',
    meaning: 'Origin that serves the add-in under /addin/; every manifest URL uses it.',
  },
  serverOrigin: {
    variable: 'READMARK_SERVER_ORIGIN',
    fallback: null, // the public URL
    meaning: 'Origin of the tracking server API the add-in calls; defaults to READMARK_PUBLIC_URL.',
  },
  clientId: {
    variable: 'READMARK_ADDIN_CLIENT_ID',
    fallback: '00000000-0000-0000-0000-000000000000',
    meaning: "Application (client) id of the add-in's app registration; the default means not configured.",
  },
  apiScope: {
    variable: 'READMARK_API_SCOPE',
    fallback: '',
    meaning: 'Delegated scope of the Readmark API, for example api://<api-client-id>/access_as_user.',
  },
  authority: {
    variable: 'READMARK_ADDIN_AUTHORITY',
    fallback: 'https://login.microsoftonline.com/organizations',
    meaning: 'Sign-in authority (Microsoft Entra ID work and school accounts by default).',
  },
  graphBaseUrl: {
    variable: 'READMARK_GRAPH_URL',
    fallback: 'https://graph.microsoft.com/v1.0',
    meaning: 'Microsoft Graph base URL with its version.',
  },
  officeJsUrl: {
    variable: 'READMARK_OFFICE_JS_URL',
    fallback: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
    meaning: "URL of the Office JavaScript API script the pages load first (Microsoft's CDN).",
  },
};

/**
 * Fallbacks of `--env simulator` builds (`npm start`): the values `readmark dev` runs with. The ids
 * and ports are those of src/simulator/defaults.ts; a test keeps the two in step.
 */
const SIMULATOR_FALLBACKS = {
  publicUrl: 'http://127.0.0.1:3000',
  clientId: 'c2d4e6f8-1a3b-4c5d-8e7f-9a0b2c4d6e8f',
  apiScope: 'api://5b3c9e0a-7d41-4f2e-a6b8-3c9d0e1f2a4b/access_as_user',
  authority: 'http://127.0.0.1:3100/organizations',
  graphBaseUrl: 'http://127.0.0.1:3100/v1.0',
  officeJsUrl: 'http://127.0.0.1:3100/office-host/office.js',
};

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Returns an error naming the variable, what it must be and what it was. */
function invalid(variable, expected, received) {
  return new Error(`Invalid ${variable}: expected ${expected}, received "${received}".`);
}

/** Parses an absolute URL that must be HTTPS, or plain HTTP on a loopback host. */
function parseWebUrl(variable, value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw invalid(variable, 'an absolute URL', value);
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw invalid(variable, 'an https:// URL (http:// only on localhost)', value);
  }
  return url;
}

function parseOrigin(variable, value) {
  const url = parseWebUrl(variable, value);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw invalid(variable, 'an origin without path, query or fragment', value);
  }
  return url.origin;
}

/**
 * Reads the add-in configuration from `environment` (usually `process.env`). With `profile`
 * `simulator`, unset variables take the simulator's values instead of Microsoft's. Throws an Error
 * naming the variable when a value is invalid.
 */
function readAddinConfig(environment, profile = 'microsoft') {
  if (profile !== 'microsoft' && profile !== 'simulator') {
    throw invalid('webpack --env profile', '"microsoft" or "simulator"', profile);
  }
  const read = (key) => {
    const value = environment[SETTINGS[key].variable];
    if (value !== undefined && value.trim() !== '') {
      return value.trim();
    }
    return profile === 'simulator' && key in SIMULATOR_FALLBACKS
      ? SIMULATOR_FALLBACKS[key]
      : SETTINGS[key].fallback;
  };
  const publicUrl = parseOrigin(SETTINGS.publicUrl.variable, read('publicUrl'));
  const serverOrigin =
    read('serverOrigin') === null
      ? publicUrl
      : parseOrigin(SETTINGS.serverOrigin.variable, read('serverOrigin'));
  return {
    publicUrl,
    serverOrigin,
    clientId: read('clientId'),
    apiScope: read('apiScope'),
    authority: parseWebUrl(SETTINGS.authority.variable, read('authority')).href.replace(/\/+$/, ''),
    graphBaseUrl: parseWebUrl(SETTINGS.graphBaseUrl.variable, read('graphBaseUrl')).href.replace(/\/+$/, ''),
    officeJsUrl: parseWebUrl(SETTINGS.officeJsUrl.variable, read('officeJsUrl')).href,
  };
}

module.exports = { SETTINGS, SIMULATOR_FALLBACKS, readAddinConfig };
