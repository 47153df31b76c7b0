import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build:addin` writes the add-in, from both `src/server/http` and `dist/server/http`. */
export const DEFAULT_ADDIN_DIRECTORY = resolve(__dirname, '../../../dist/addin');

/** Serves the built add-in under `/addin/` when the folder exists; returns whether it does. */
export async function registerAddinFiles(app: FastifyInstance, directory: string): Promise<boolean> {
  if (!existsSync(directory)) {
    return false;
  }
  await app.register(fastifyStatic, { root: directory, prefix: '/addin/', decorateReply: false });
  return true;
}
