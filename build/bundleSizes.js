/**
 * Measures the add-in bundles in a build folder: raw and gzip (level 9) size of every .js file.
 * `node build/bundleSizes.js dist/addin` prints them as a Markdown table.
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

/** Returns `{ entry, file, bytes, gzipBytes }` for every .js file in `folder`, by entry name. */
function bundleSizes(folder) {
  return fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.js'))
    .sort()
    .map((file) => {
      const content = fs.readFileSync(path.join(folder, file));
      return {
        entry: file.split('.')[0],
        file,
        bytes: content.length,
        gzipBytes: zlib.gzipSync(content, { level: 9 }).length,
      };
    });
}

function toMarkdown(sizes) {
  const kib = (bytes) => (bytes / 1024).toFixed(1);
  return [
    '| bundle | minified KiB | gzip KiB |',
    '| --- | ---: | ---: |',
    ...sizes.map((size) => `| ${size.entry} | ${kib(size.bytes)} | ${kib(size.gzipBytes)} |`),
  ].join('\n');
}

if (require.main === module) {
  const folder = process.argv[2] ?? path.join(__dirname, '..', 'dist', 'addin');
  console.log(toMarkdown(bundleSizes(folder)));
}

module.exports = { bundleSizes, toMarkdown };
