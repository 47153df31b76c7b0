import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { FastifyInstance } from 'fastify';
import ts from 'typescript';
import { repositoryRoot } from './repositoryRoot';

/**
 * Serves the simulator's browser code straight from `src/simulator/browser`, transpiled per file
 * to ES modules (imports without extensions resolve to further `/sim/js/` requests), and the
 * simulated Office.js at `/office-host/office.js` as a classic script.
 * TypeScript is a development dependency, which is enough: the simulator never runs in production.
 */
export function registerScriptRoutes(app: FastifyInstance): void {
  const browserRoot = join(repositoryRoot(), 'src', 'simulator', 'browser');
  const cache = new Map<string, string>();

  async function transpiled(relativePath: string): Promise<string | null> {
    const file = normalize(join(browserRoot, `${relativePath}.ts`));
    if (!file.startsWith(browserRoot + '/') || !/^[\w/]+$/.test(relativePath)) return null;
    const cached = cache.get(file);
    if (cached !== undefined) return cached;
    const source = await readFile(file, 'utf8').catch(() => null);
    if (source === null) return null;
    const output = ts.transpileModule(source, {
      compilerOptions: {
        target: ts.ScriptTarget.ES2020,
        module: ts.ModuleKind.ES2022,
        isolatedModules: true,
      },
      fileName: file,
    }).outputText;
    const javascript = output.replace(/^export \{\};\s*$/m, '');
    cache.set(file, javascript);
    return javascript;
  }

  app.get('/office-host/office.js', async (_request, reply) => {
    const script = await transpiled('office/officeFrame');
    return reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'no-store').send(script);
  });

  app.get<{ Params: { '*': string } }>('/sim/js/*', async (request, reply) => {
    const script = await transpiled(request.params['*'].replace(/\.js$/, ''));
    if (script === null)
      return reply.code(404).send({ code: 'SIM_SCRIPT_NOT_FOUND', message: 'No such simulator script.' });
    return reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'no-store').send(script);
  });
}
