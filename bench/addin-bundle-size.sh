#!/usr/bin/env bash
# Production build of the add-in, then the minified and gzip size of each bundle (docs/BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
npx webpack --mode production >/dev/null
node build/bundleSizes.js dist/addin
