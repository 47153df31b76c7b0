/**
 * Builds the add-in into dist/addin/ (served by the tracking server under /addin/): one page per
 * entry, the icons and the manifest for READMARK_PUBLIC_URL. `webpack --mode production` minifies
 * and puts content hashes in file names; `--mode development --watch` rebuilds on change.
 * Configuration comes from environment variables, see build/addinConfig.js; `--env simulator`
 * builds for `readmark dev` (the Microsoft 365 simulator) when those variables are unset.
 */
const fs = require('node:fs');
const path = require('node:path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { readAddinConfig } = require('./build/addinConfig');
const { EmitAddinFiles } = require('./build/emitAddinFiles');
const { manifestId } = require('./build/manifest');

/** One HTML page per entry; a new page is one more line here. */
const PAGES = [
  { name: 'commands', title: 'Readmark commands', entry: './src/addin/commands/index.ts' },
  { name: 'compose', title: 'Readmark tracking options', entry: './src/addin/compose/index.tsx' },
  { name: 'signin-dialog', title: 'Readmark sign-in', entry: './src/addin/auth/dialogPage.ts' },
  { name: 'status', title: 'Readmark open status', entry: './src/addin/status/index.tsx' },
];

module.exports = (env, argv) => {
  const production = (argv.mode ?? 'production') === 'production';
  const config = readAddinConfig(process.env, env.simulator ? 'simulator' : 'microsoft');
  const { publicUrl, ...settings } = config;
  const addInId = manifestId(fs.readFileSync(path.join(__dirname, 'manifest.xml'), 'utf8'));
  const runtimeConfig = { ...settings, addInId };

  return {
    mode: production ? 'production' : 'development',
    context: __dirname,
    entry: Object.fromEntries(PAGES.map((page) => [page.name, page.entry])),
    output: {
      path: path.join(__dirname, 'dist', 'addin'),
      // Relative URLs: the pages and their scripts live in the same folder.
      publicPath: '',
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      clean: true,
    },
    devtool: production ? false : 'source-map',
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              // `npm test` type-checks with tsc; the bundle only needs transpiling, as ES modules so
              // webpack can drop unused exports.
              transpileOnly: true,
              compilerOptions: { module: 'es2020', noEmit: false, sourceMap: !production },
            },
          },
        },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({ READMARK_BUILD_CONFIG: JSON.stringify(runtimeConfig) }),
      ...PAGES.map(
        (page) =>
          new HtmlWebpackPlugin({
            filename: `${page.name}.html`,
            template: path.join(__dirname, 'build', 'page.html'),
            chunks: [page.name],
            title: page.title,
            officeJsUrl: config.officeJsUrl,
          }),
      ),
      new EmitAddinFiles({ publicUrl }),
    ],
    performance: { hints: false },
  };
};
