import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { LocalTokenIssuer } from '../../support/localTokenIssuer';
import { apiErrorBody, createScenario, expectPixel, type Scenario } from './scenario';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;
const CONDITIONAL_HEADERS = [
  'range',
  'if-none-match',
  'if-modified-since',
  'if-match',
  'if-unmodified-since',
  'if-range',
];
// Framing headers would make `inject` wait for a body that never comes; they are not under test here.
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'host', 'expect', 'connection']);

// Outside `/o/` a URL that cannot be percent-decoded gets this coded error instead of the 404.
const UNDECODABLE_URL = apiErrorBody('REQUEST_INVALID', { part: 'URL', detail: 'it cannot be decoded' });

const hexDigit = fc.constantFrom(...'0123456789abcdefABCDEF');

/** A piece of a path: valid and invalid percent escapes, traversal, id-like text and any string. */
function pathFragment(knownId: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant(knownId),
    fc.constant(`${knownId}.gif`),
    fc
      .nat({ max: 21 })
      .map((at) => `${knownId.slice(0, at)}${knownId[at] === 'x' ? 'y' : 'x'}${knownId.slice(at + 1)}`),
    fc.string({ unit: fc.constantFrom(...'ABCQgwz019_-.') }),
    fc.tuple(hexDigit, hexDigit).map(([a, b]) => `%${a}${b}`),
    hexDigit.map((digit) => `%${digit}`),
    fc.constantFrom('..', '/', '.gif', '?', '?a=1&b', '%00', '%2F', '%2e%2e'),
    fc.string({ unit: 'binary', maxLength: 30 }).map((text) => encodeURIComponent(text)),
  );
}

function pixelUrl(knownId: string): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom('/o/', '/o/', '/o/', '/o', '/O/', '//o/', '/o//'),
      fc.array(pathFragment(knownId), { maxLength: 6 }),
    )
    .map(([prefix, fragments]) => `${prefix}${fragments.join('')}`);
}

const headerArbitrary = fc.dictionary(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).filter((name) => !FRAMING_HEADERS.has(name)),
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    maxLength: 60,
  }),
  { maxKeys: 5 },
);

const conditionalArbitrary = fc.option(fc.constantFrom(...CONDITIONAL_HEADERS), { nil: undefined });

/**
 * Resolves dot segments the way `inject` (WHATWG URL) and browsers do before a request is sent:
 * `/o/..` reaches the server as `/`, and `/o/x/%2e%2e/<id>.gif` as `/o/<id>.gif`.
 */
function sentPath(url: string): string {
  const parsed = new URL(url, 'http://localhost');
  return `${parsed.pathname}${parsed.search}`;
}

function isRecordingRequest(options: InjectOptions & { url: string }, knownId: string): boolean {
  const headers = Object.keys(options.headers ?? {});
  return (
    options.method === 'GET' &&
    new RegExp(`^/o/${knownId}\\.gif(\\?|$)`).test(sentPath(options.url)) &&
    !headers.some((name) => CONDITIONAL_HEADERS.includes(name))
  );
}

describe('pixel route fuzzing', () => {
  let issuer: LocalTokenIssuer;
  let scenario: Scenario;

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.start();
    scenario = await createScenario(issuer);
  });

  afterAll(async () => {
    await scenario.close();
    await issuer.stop();
  });

  it('answers the GIF or 404 and records only a plain GET of the known id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        pixelUrl(scenario.activeId),
        headerArbitrary,
        conditionalArbitrary,
        async (method, url, headers, conditional) => {
          const options = {
            method,
            url,
            headers: conditional === undefined ? headers : { ...headers, [conditional]: 'bytes=0-1' },
          };
          const opensBefore = scenario.dump().opens.length;

          const response = await scenario.test.app.inject(options);

          if (response.statusCode === 200 && new URL(url, 'http://localhost').pathname === '/') {
            // `/o/..` reaches the root, which lists the operations endpoints.
            expect(response.headers['content-type']).toContain('application/json');
          } else if (response.statusCode === 200) {
            expectPixel(response, method);
          } else if (method === 'HEAD') {
            expect([400, 404]).toContain(response.statusCode);
            expect(response.body).toBe('');
          } else {
            expect(response.json()).toEqual(
              response.statusCode === 400 ? UNDECODABLE_URL : apiErrorBody('ROUTE_NOT_FOUND'),
            );
          }
          if (sentPath(url).startsWith('/o/') && (method === 'GET' || method === 'HEAD')) {
            expect(response.statusCode).toBe(200);
          }
          const recorded = scenario.dump().opens.length - opensBefore;
          expect(recorded).toBe(isRecordingRequest(options, scenario.activeId) ? 1 : 0);
        },
      ),
      { numRuns: 400 },
    );

    expect((await scenario.test.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
