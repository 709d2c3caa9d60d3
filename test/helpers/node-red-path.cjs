/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, loaded with --require */
// Preloaded (NODE_OPTIONS=--require) by `npm run test:compat`. node-red-node-test-helper's constructor
// runs init() with no path at import time, which require.resolve()s 'node-red' from its own folder and
// so loads the dev dependency (Node-RED 4.x) before test/helpers/red.ts can call init(NODE_RED_PATH).
// Both runtimes then sit in one process, and any bare require('node-red') / '@node-red/*' in a test
// gets 4.x. Resolving those bare names to the NODE_RED_PATH install makes 5.x the only Node-RED loaded.
const Module = require('node:module');
const path = require('node:path');

const redMain = process.env.NODE_RED_PATH;
if (redMain) {
  const redDir = path.resolve(path.dirname(redMain), '..');
  const original = Module._resolveFilename;
  Module._resolveFilename = function resolveCompat(request, parent, ...rest) {
    if (request === 'node-red') return redMain;
    if (request.startsWith('@node-red/') || request.startsWith('node-red/')) {
      return original.call(this, request, { ...parent, paths: [path.join(redDir, 'node_modules'), path.resolve(redDir, '..')] }, ...rest);
    }
    return original.call(this, request, parent, ...rest);
  };
}
