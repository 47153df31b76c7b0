import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

export const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'mdn');

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((name) => name.endsWith('.eml'))
    .sort();
}

export function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURE_DIR, name)));
}
