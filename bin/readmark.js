#!/usr/bin/env node
'use strict';
// The compiled CLI lives in dist/; `npm run build:server` (or `npm start`) produces it.
try {
  require('../dist/cli/main.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    console.error('readmark: the server is not built yet. Run `npm run build:server` first.');
    process.exit(1);
  }
  throw error;
}
