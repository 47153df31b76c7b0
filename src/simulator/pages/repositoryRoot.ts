import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Finds the repository root (the folder with package.json) from this file, in src/ or dist/. */
export function repositoryRoot(start: string = __dirname): string {
  let folder = start;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder)
      throw new Error(`No package.json above ${start}; run the simulator from the Readmark repository.`);
    folder = parent;
  }
  return folder;
}
