// Starts the API twins from the built sandbox (dist/sandbox/index.js, `startSandbox()`), tolerating the
// shapes the sandbox contract allows: a result with `info` keyed by twin name, or twin handles keyed by
// name. Without a built sandbox the demo still starts, with a clear note.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

function twinInfo(result) {
  if (result?.info && typeof result.info === 'object') return result.info;
  return Object.fromEntries(
    Object.entries(result ?? {})
      .filter(([, v]) => v && typeof v === 'object' && (v.info?.url || v.url))
      .map(([name, v]) => [name, v.info ?? v]),
  );
}

/** @returns {Promise<{ twins: Record<string, { url: string }>, stop(): Promise<void> }>} */
export async function startTwins(root) {
  const entry = path.join(root, 'dist', 'sandbox', 'index.js');
  const none = { twins: {}, stop: async () => {} };
  if (!fs.existsSync(entry)) {
    console.warn(`demo: no API twins (${path.relative(root, entry)} is not built); config nodes keep their saved URLs.`);
    return none;
  }
  const mod = await import(pathToFileURL(entry).href);
  const startSandbox = mod.startSandbox ?? mod.default?.startSandbox;
  if (typeof startSandbox !== 'function') {
    console.warn(`demo: ${path.relative(root, entry)} exports no startSandbox(); running without API twins.`);
    return none;
  }
  const result = await startSandbox();
  const twins = twinInfo(result);
  const stop = async () => {
    if (typeof result?.stop === 'function') return result.stop();
    await Promise.all(Object.values(result ?? {}).map((h) => (typeof h?.stop === 'function' ? h.stop() : undefined)));
  };
  return { twins, stop };
}
