#!/usr/bin/env node
'use strict';
// The compiled CLI lives in dist/; `npm run build:server` (or `npm start`) produces it.
let cli;
try {
  cli = require('../dist/cli/main.js');
} catch (error) {
  // Only a missing CLI means "not built". A module missing further down is reported as it is.
  const firstLine = String(error && error.message).split('\n')[0];
  if (error && error.code === 'MODULE_NOT_FOUND' && firstLine.includes('dist/cli/main.js')) {
    console.error('readmark: the server is not built yet. Run `npm run build:server` first.');
    process.exit(1);
  }
  throw error;
}
cli.run(process.argv);
