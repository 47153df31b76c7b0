/**
 * Development HTTPS front for a real Outlook: serves https://localhost:3000 with the certificate
 * of office-addin-dev-certs and forwards every request (add-in files, API, pixel) to the tracking
 * server on plain HTTP, so one HTTPS origin serves all three as in production. Never used in
 * production builds, tests or CI.
 *
 *   npm run dev:certs                            # once: creates and trusts the localhost CA
 *   readmark serve --port 3001 --public-url https://localhost:3000
 *   npm run dev:addin                            # rebuilds dist/addin on change
 *   npm run dev:https                            # this proxy on port 3000
 */
const http = require('node:http');
const https = require('node:https');
const { URL } = require('node:url');

const DEFAULT_PORT = 3000;
const DEFAULT_TARGET = 'http://127.0.0.1:3001';

/**
 * Starts the proxy on `port` with `tls` ({ key, cert }), forwarding to `target` (an http://
 * origin). Resolves with the listening server. A request the target refuses gets 502.
 */
function startDevHttpsProxy({ port, target, tls }) {
  const targetUrl = new URL(target);
  const server = https.createServer(tls, (request, response) => {
    const upstream = http.request(
      {
        hostname: targetUrl.hostname,
        port: targetUrl.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: targetUrl.host, 'x-forwarded-proto': 'https' },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      response.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(
        `The tracking server at ${target} did not answer (${error.code ?? error.message}). Is it running?\n`,
      );
    });
    request.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function main() {
  const port = Number(process.env.READMARK_DEV_HTTPS_PORT ?? DEFAULT_PORT);
  const target = process.env.READMARK_DEV_TARGET ?? DEFAULT_TARGET;
  // Loaded here, not at the top, so tests of the proxy never touch certificates.
  const { getHttpsServerOptions } = require('office-addin-dev-certs');
  const tls = await getHttpsServerOptions();
  await startDevHttpsProxy({ port, target, tls });
  console.log(`https://localhost:${port} -> ${target}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`dev HTTPS proxy failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

module.exports = { startDevHttpsProxy };
