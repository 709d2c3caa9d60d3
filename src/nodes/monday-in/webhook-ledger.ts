/**
 * Which monday webhooks each monday in node created. monday's API does not return a webhook's URL,
 * so this record is how a redeploy or a restart recognises its own hooks instead of creating them
 * again. Kept in one JSON file in Node-RED's user directory (in memory when there is none).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BoardWebhook } from '../../connectors/monday';

export interface LedgerEntry {
  endpoint: string;
  boardId: string;
  /** sha256 of the registered URL: the URL may carry the ?token= secret, which stays out of files. */
  urlHash: string;
  hooks: BoardWebhook[];
}

export interface Ledger {
  get(nodeId: string): Promise<LedgerEntry | undefined>;
  set(nodeId: string, entry: LedgerEntry | undefined): Promise<void>;
}

export const LEDGER_FILE = path.join('.crm-sync', 'monday-webhooks.json');

const memory = new Map<string, LedgerEntry>();
const queues = new Map<string, Promise<unknown>>();

/** One read-modify-write at a time per file, so nodes starting together do not lose each other's ids. */
function serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const next = (queues.get(key) ?? Promise.resolve()).then(fn, fn);
  queues.set(key, next.catch(() => undefined));
  return next;
}

async function readAll(file: string): Promise<Record<string, LedgerEntry>> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, LedgerEntry>) : {};
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || err instanceof SyntaxError) return {};
    throw err;
  }
}

export function ledgerFor(userDir: string | undefined): Ledger {
  if (!userDir) {
    return {
      get: (id) => Promise.resolve(memory.get(id)),
      set: (id, entry) => {
        if (entry) memory.set(id, entry);
        else memory.delete(id);
        return Promise.resolve();
      },
    };
  }
  const file = path.join(userDir, LEDGER_FILE);
  return {
    get: (id) => serial(file, async () => (await readAll(file))[id]),
    set: (id, entry) =>
      serial(file, async () => {
        const all = await readAll(file);
        if (entry) all[id] = entry;
        else delete all[id];
        await fs.mkdir(path.dirname(file), { recursive: true });
        // Write then rename: a crash mid-write leaves the old file, never half a JSON.
        const tmp = `${file}.${process.pid}.tmp`;
        await fs.writeFile(tmp, JSON.stringify(all, null, 2));
        await fs.rename(tmp, file);
      }),
  };
}
