import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Creates an empty folder under the system temporary folder; `remove` deletes it with its content. */
export async function createTempDirectory(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'readmark-test-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
