'use strict';
// Preloaded with `node --require` to make the development dependencies of package.json
// unresolvable, as after `npm prune --omit=dev`: a test then shows what a production install runs.
const Module = require('node:module');
const { join } = require('node:path');

const { devDependencies } = require(join(__dirname, '..', '..', 'package.json'));
const blocked = new Set(Object.keys(devDependencies));
const resolve = Module._resolveFilename;

Module._resolveFilename = function resolveWithoutDevDependencies(request, ...rest) {
  const name = request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0];
  if (blocked.has(name)) {
    throw Object.assign(new Error(`Cannot find module '${request}' (a development dependency)`), {
      code: 'MODULE_NOT_FOUND',
    });
  }
  return resolve.call(this, request, ...rest);
};
