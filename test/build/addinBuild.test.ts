import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type webpack from 'webpack';
import type { Stats } from 'webpack';
import { bundleSizes } from '../../build/bundleSizes';
import { manifestId } from '../../build/manifest';
import { buildAddin } from './buildAddin';

const ROOT = path.join(__dirname, '..', '..');
const ENVIRONMENT = {
  READMARK_PUBLIC_URL: 'https://readmark.contoso.example',
  READMARK_ADDIN_CLIENT_ID: '0f5e6c2a-1b3d-4e5f-8a9b-0c1d2e3f4a5b',
  READMARK_API_SCOPE: 'api://readmark-api-test/access_as_user',
  READMARK_OFFICE_JS_URL: 'https://readmark.contoso.example/simulator/office.js',
};
const PAGES = ['commands', 'compose', 'signin-dialog', 'status'];
const BUILD_TIMEOUT_MS = 300_000;

let outputPath: string;
let stats: Stats;

function read(file: string): string {
  return fs.readFileSync(path.join(outputPath, file), 'utf8');
}

/** Every module path bundled into `entry`, including modules webpack concatenated. */
function modulesOf(entry: string): string[] {
  const json = stats.toJson({
    all: false,
    chunks: true,
    chunkModules: true,
    dependentModules: true,
    nestedModules: true,
    // The defaults group and truncate the module list of each chunk.
    chunkModulesSpace: Infinity,
    nestedModulesSpace: Infinity,
  });
  const names: string[] = [];
  const collect = (modules: webpack.StatsModule[] | undefined): void => {
    for (const module of modules ?? []) {
      names.push(module.name ?? '');
      collect(module.modules);
    }
  };
  for (const chunk of json.chunks ?? []) {
    if ((chunk.names ?? []).includes(entry)) {
      collect(chunk.modules);
    }
  }
  return names;
}

beforeAll(async () => {
  outputPath = fs.mkdtempSync(path.join(os.tmpdir(), 'readmark-addin-build-'));
  stats = await buildAddin({ mode: 'production', environment: ENVIRONMENT, outputPath });
}, BUILD_TIMEOUT_MS);

afterAll(() => {
  fs.rmSync(outputPath, { recursive: true, force: true });
});

test('build has no errors', () => {
  expect(stats.toJson({ all: false, errors: true }).errors).toEqual([]);
});

test.each(PAGES)('%s page loads configured Office.js first', (page) => {
  const html = read(`${page}.html`);
  const scripts = [...html.matchAll(/<script[^>]*src="?([^"\s>]+)"?/g)].map((match) => match[1]);
  expect(scripts[0]).toBe(ENVIRONMENT.READMARK_OFFICE_JS_URL);
  expect(scripts[1]).toMatch(new RegExp(`^${page}\\.[0-9a-f]{8}\\.js$`));
  expect(fs.existsSync(path.join(outputPath, scripts[1] ?? ''))).toBe(true);
  expect(html).not.toContain('appsforoffice.microsoft.com');
});

test('function file bundle carries no React', () => {
  const modules = modulesOf('commands');
  expect(modules.length).toBeGreaterThan(0);
  expect(modules.filter((name) => /node_modules[\\/](react|react-dom|@fluentui)[\\/]/.test(name))).toEqual(
    [],
  );
  expect(modulesOf('compose').some((name) => /node_modules[\\/]react-dom[\\/]/.test(name))).toBe(true);
});

test('bundles carry the build configuration', () => {
  const commands = fs.readdirSync(outputPath).find((file) => /^commands\..*\.js$/.test(file)) ?? '';
  const source = read(commands);
  expect(source).toContain(ENVIRONMENT.READMARK_ADDIN_CLIENT_ID);
  expect(source).toContain(ENVIRONMENT.READMARK_API_SCOPE);
  expect(source).toContain(manifestId(fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8')));
  expect(source).not.toContain('READMARK_BUILD_CONFIG');
});

test('manifest and icons are emitted for the public URL', () => {
  const manifest = read('manifest.xml');
  expect(manifest).toContain('https://readmark.contoso.example/addin/commands.html');
  expect(manifest).not.toContain('localhost');
  for (const size of [16, 32, 64, 80, 128]) {
    const emitted = fs.readFileSync(path.join(outputPath, 'assets', `icon-${size}.png`));
    expect(emitted.equals(fs.readFileSync(path.join(ROOT, 'assets', `icon-${size}.png`)))).toBe(true);
  }
});

test('gzip size recorded for every bundle', () => {
  const sizes = bundleSizes(outputPath);
  expect(sizes.map((size) => size.entry)).toEqual(PAGES);
  // A figure for docs/BENCHMARKS.md, not a limit: the file lands in test-artifacts/.
  fs.mkdirSync(path.join(ROOT, 'test-artifacts'), { recursive: true });
  fs.writeFileSync(
    path.join(ROOT, 'test-artifacts', 'addin-bundle-sizes.json'),
    `${JSON.stringify(sizes, null, 2)}\n`,
  );
  for (const size of sizes) {
    expect(size.gzipBytes).toBeGreaterThan(0);
  }
});
