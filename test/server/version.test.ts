import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { READMARK_VERSION } from '../../src/server/version';

test('version matches package.json', () => {
  const packageJson = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
    version: string;
  };

  expect(READMARK_VERSION).toBe(packageJson.version);
});
