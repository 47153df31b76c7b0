import type { InjectOptions } from 'fastify';
import { apiErrorBody, useScenarioPerTest, expectPixel, type Scenario } from './scenario';

interface PixelCase {
  name: string;
  request(scenario: Scenario): InjectOptions;
  /** `pixel`: the fixed GIF; otherwise the exact status and JSON body. */
  expected: 'pixel' | { status: number; body: unknown };
}

const pixelCases: PixelCase[] = [
  {
    name: 'HEAD of a known id',
    request: (s) => ({ method: 'HEAD', url: `/o/${s.activeId}.gif` }),
    expected: 'pixel',
  },
  {
    name: 'well-formed unknown id',
    request: (s) => ({ method: 'GET', url: `/o/${s.unknownId}.gif` }),
    expected: 'pixel',
  },
  {
    name: 'stopped message',
    request: (s) => ({ method: 'GET', url: `/o/${s.stoppedId}.gif` }),
    expected: 'pixel',
  },
  {
    name: 'id one character short',
    request: (s) => ({ method: 'GET', url: `/o/${s.activeId.slice(1)}.gif` }),
    expected: 'pixel',
  },
  {
    name: 'id one character long',
    request: (s) => ({ method: 'GET', url: `/o/${s.activeId}A.gif` }),
    expected: 'pixel',
  },
  {
    name: 'id 5000 characters long',
    request: () => ({ method: 'GET', url: `/o/${'A'.repeat(5000)}.gif` }),
    expected: 'pixel',
  },
  {
    name: 'percent-encoded known id',
    request: (s) => ({
      method: 'GET',
      url: `/o/${[...s.activeId].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')}.gif`,
    }),
    expected: 'pixel',
  },
  {
    name: 'path traversal',
    request: () => ({ method: 'GET', url: '/o/..%2F..%2Fetc%2Fpasswd.gif' }),
    expected: 'pixel',
  },
  {
    name: 'SQL quote',
    request: () => ({ method: 'GET', url: "/o/'%20OR%20'1'='1.gif" }),
    expected: 'pixel',
  },
  {
    name: 'null byte',
    request: (s) => ({ method: 'GET', url: `/o/${s.activeId}%00.gif` }),
    expected: 'pixel',
  },
  {
    name: 'broken percent encoding',
    request: () => ({ method: 'GET', url: '/o/%E0%A4%A.gif' }),
    expected: 'pixel',
  },
  {
    name: 'non-ASCII id',
    request: () => ({ method: 'GET', url: '/o/%C3%84%C3%96%C3%9C%F0%9F%98%80.gif' }),
    expected: 'pixel',
  },
  {
    name: 'known id with another extension',
    request: (s) => ({ method: 'GET', url: `/o/${s.activeId}.png` }),
    expected: 'pixel',
  },
  {
    name: 'Range request',
    request: (s) => ({ method: 'GET', url: `/o/${s.activeId}.gif`, headers: { range: 'bytes=0-9' } }),
    expected: 'pixel',
  },
  {
    name: 'cache revalidation',
    request: (s) => ({ method: 'GET', url: `/o/${s.activeId}.gif`, headers: { 'if-none-match': '*' } }),
    expected: 'pixel',
  },
  {
    name: 'POST on a known id',
    request: (s) => ({ method: 'POST', url: `/o/${s.activeId}.gif`, payload: 'x' }),
    expected: { status: 404, body: apiErrorBody('ROUTE_NOT_FOUND') },
  },
  {
    name: 'DELETE on a known id',
    request: (s) => ({ method: 'DELETE', url: `/o/${s.activeId}.gif` }),
    expected: { status: 404, body: apiErrorBody('ROUTE_NOT_FOUND') },
  },
  {
    name: 'OPTIONS on a known id',
    request: (s) => ({ method: 'OPTIONS', url: `/o/${s.activeId}.gif` }),
    expected: { status: 404, body: apiErrorBody('ROUTE_NOT_FOUND') },
  },
];

describe('pixel bad input', () => {
  let scenario: Scenario;
  useScenarioPerTest((created) => {
    scenario = created;
  });

  it.each(pixelCases)('$name records nothing', async ({ request, expected }) => {
    const before = scenario.dump();
    const options = request(scenario);

    const response = await scenario.test.app.inject(options);

    if (expected === 'pixel') {
      expectPixel(response, options.method);
    } else {
      expect(response.statusCode).toBe(expected.status);
      expect(response.json()).toEqual(expected.body);
    }
    expect(scenario.dump()).toEqual(before);
  });

  it('records a plain GET of the known id, so the rows above could fail', async () => {
    const before = scenario.dump();

    expectPixel(await scenario.test.app.inject({ method: 'GET', url: `/o/${scenario.activeId}.gif` }));

    expect(scenario.dump().opens).toHaveLength(before.opens.length + 1);
  });
});
