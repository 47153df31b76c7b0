import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build:addin` writes the add-in, from both `src/server/http` and `dist/server/http`. */
export const DEFAULT_ADDIN_DIRECTORY = resolve(__dirname, '../../../dist/addin');

/**
 * Serves the built add-in under `/addin/` when the folder exists; returns whether it does. It logs
 * a warning when the built manifest loads its pages from another origin than `publicUrl`, because
 * Outlook would then load the add-in from there.
 */
export async function registerAddinFiles(
  app: FastifyInstance,
  directory: string,
  publicUrl: string,
): Promise<boolean> {
  if (!existsSync(directory)) {
    return false;
  }
  await app.register(fastifyStatic, { root: directory, prefix: '/addin/', decorateReply: false });
  const pageUrl = readManifestPageUrl(directory);
  const expected = `${publicUrl.replace(/\/+$/, '')}/addin/`;
  if (pageUrl !== null && !pageUrl.startsWith(expected)) {
    app.log.warn(
      { manifestPageUrl: pageUrl, publicUrl, addinDirectory: directory },
      `the built add-in loads its pages from ${pageUrl}, not from ${expected}: ` +
        `rebuild it with READMARK_PUBLIC_URL=${publicUrl} npm run build:addin, or set --public-url to the origin it was built for`,
    );
  }
  return true;
}

/** Returns the page address in the built manifest's `SourceLocation`, or null when there is none. */
function readManifestPageUrl(directory: string): string | null {
  const path = join(directory, 'manifest.xml');
  if (!existsSync(path)) {
    return null;
  }
  return /<SourceLocation\s+DefaultValue="([^"]+)"/.exec(readFileSync(path, 'utf8'))?.[1] ?? null;
}
