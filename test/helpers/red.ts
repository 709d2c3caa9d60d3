/**
 * node-red-node-test-helper, initialised against the Node-RED the run asks for: the dev dependency
 * (4.x) by default, or NODE_RED_PATH (set by `npm run test:compat` to a Node-RED 5.x install).
 */
import path from 'node:path';
import helper from 'node-red-node-test-helper';

export const ROOT = path.resolve(__dirname, '..', '..');
const redPath = process.env.NODE_RED_PATH ?? require.resolve('node-red');
helper.init(redPath);

/** The built node module for a node folder, as Node-RED loads it from dist/. */
export function nodeModule(folder: string): unknown {
  return require(path.join(ROOT, 'dist', 'nodes', folder, `${folder}.js`));
}

export { helper };
