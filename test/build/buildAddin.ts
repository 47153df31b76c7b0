import { join } from 'node:path';
import webpack, { type Configuration, type Stats } from 'webpack';
import { repositoryRoot } from '../../src/simulator/pages/repositoryRoot';

// webpack.config.js is CommonJS and exports a function of (env, argv). It is found from the
// repository root so that the compiled benchmarks, which run from dist/bench, load it too.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createConfig = require(join(repositoryRoot(), 'webpack.config.js')) as (
  env: Record<string, unknown>,
  argv: { mode?: string },
) => Configuration;

/**
 * Builds the add-in into `outputPath` with `environment` added to process.env for the build only,
 * as `webpack --mode <mode> [--env simulator]` would.
 */
export async function buildAddin(options: {
  mode: 'production' | 'development';
  simulator?: boolean;
  environment: Record<string, string>;
  outputPath: string;
}): Promise<Stats> {
  const saved = { ...process.env };
  Object.assign(process.env, options.environment);
  let config: Configuration;
  try {
    config = createConfig(options.simulator ? { simulator: true } : {}, { mode: options.mode });
  } finally {
    process.env = saved;
  }
  const finalConfig: Configuration = {
    ...config,
    ...(options.mode === 'development' ? { devtool: false } : {}),
    output: { ...config.output, path: options.outputPath },
  };
  return new Promise((resolve, reject) => {
    webpack(finalConfig, (error, stats) =>
      error || !stats ? reject(error ?? new Error('no stats')) : resolve(stats),
    );
  });
}
