import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LogWriter, syncRowFromMsg } from '../../src/connectors/postgres';
import type { LogRow, Outcome, WriterEvent } from '../../src/connectors/postgres';
import { CrmError } from '../../src/core/errors';
import type { Queryable } from '../../src/core/store';

const ctx = { flowId: 'f', nodeId: 'n', now: new Date() };
const row = (id: string): LogRow => ({ table: 'sync_log', row: syncRowFromMsg({ crm: { recordId: id } }, {}, ctx) });
const errorRow = (): LogRow => ({ table: 'error_log', row: { time: new Date(), node_id: null, node_type: null, node_name: null, flow_id: null, error_code: null, message: 'e', stack: null, msg: null } });

/** A fake database: records each INSERT's row ids; `fail` decides per call whether to throw. */
function fakeStore(fail: (call: number, ids: unknown[]) => Error | undefined = () => undefined) {
  const calls: Array<{ text: string; ids: unknown[] }> = [];
  const written: unknown[] = [];
  const store: Queryable = {
    query: async <R>(text: string, values?: unknown[]) => {
      const ids = text.includes('sync_log') ? (values ?? []).filter((_, i) => i % 13 === 6) : ['error'];
      calls.push({ text, ids });
      const err = fail(calls.length, ids);
      if (err) throw err;
      written.push(...ids);
      return { rows: [] as R[], rowCount: ids.length };
    },
  };
  return { store, calls, written };
}

const unreachable = () => new CrmError('PG_UNREACHABLE', 'down', { retryable: true });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('postgres log writer (batching)', () => {
  it('flushes by count in one INSERT per batch and by time for the rest', async () => {
    const db = fakeStore();
    const w = new LogWriter({ getStore: async () => db.store, batchSize: 3, flushIntervalMs: 50 });
    const outcomes = ['1', '2', '3', '4'].map((id) => w.add(row(id)));
    await Promise.all(outcomes.slice(0, 3));
    assert.equal(db.calls.length, 1, 'the first three went in one statement');
    assert.deepEqual(db.calls[0].ids, ['1', '2', '3']);
    assert.equal(db.written.length, 3, 'row 4 waits for the timer');
    assert.deepEqual(await outcomes[3], { ok: true });
    assert.deepEqual(db.calls[1].ids, ['4']);
    assert.deepEqual({ written: w.stats.written, buffered: w.stats.buffered }, { written: 4, buffered: 0 });
    await w.close();
  });

  it('keeps one table per statement so every batch is atomic', async () => {
    const db = fakeStore();
    const w = new LogWriter({ getStore: async () => db.store, batchSize: 10, flushIntervalMs: 10 });
    await Promise.all([w.add(row('1')), w.add(errorRow()), w.add(row('2'))]);
    assert.deepEqual(
      db.calls.map((c) => /crm_sync\.(\w+)/.exec(c.text)![1]),
      ['sync_log', 'error_log', 'sync_log'],
    );
    await w.close();
  });

  it('retries with growing backoff while the database is down, then writes everything once', async () => {
    let down = true;
    const db = fakeStore(() => (down ? unreachable() : undefined));
    const events: WriterEvent[] = [];
    const w = new LogWriter({ getStore: async () => db.store, batchSize: 2, flushIntervalMs: 5, retryInitialMs: 20, retryMaxMs: 40, onChange: (_s, e) => events.push(e) });
    const all = ['a', 'b', 'c'].map((id) => w.add(row(id)));
    await sleep(120);
    const retries = events.filter((e): e is Extract<WriterEvent, { type: 'retry' }> => e.type === 'retry');
    assert.ok(retries.length >= 3, `retried (${retries.length})`);
    assert.deepEqual(retries.slice(0, 3).map((r) => r.delayMs), [20, 40, 40]);
    assert.equal(w.stats.retry?.error.code, 'PG_UNREACHABLE');
    assert.equal(w.stats.buffered, 3);
    down = false;
    assert.deepEqual(await Promise.all(all), [{ ok: true }, { ok: true }, { ok: true }]);
    assert.deepEqual(db.written, ['a', 'b', 'c']);
    assert.ok(events.some((e) => e.type === 'recovered'));
    assert.equal(w.stats.retry, undefined);
    await w.close();
  });

  it('bounds the buffer: rows beyond it are refused at once and counted', async () => {
    const db = fakeStore(() => unreachable());
    const w = new LogWriter({ getStore: async () => db.store, batchSize: 2, flushIntervalMs: 5, maxBuffer: 3, retryInitialMs: 1000 });
    const kept = ['1', '2', '3'].map((id) => w.add(row(id)));
    const refused = await w.add(row('4'));
    assert.equal(refused.ok, false);
    assert.equal((refused as Extract<Outcome, { ok: false }>).reason, 'dropped');
    assert.equal((refused as Extract<Outcome, { ok: false }>).error.code, 'PG_LOG_BUFFER_FULL');
    assert.deepEqual({ dropped: w.stats.dropped, buffered: w.stats.buffered }, { dropped: 1, buffered: 3 });
    const lost = await w.close(100);
    assert.equal(lost, 3);
    for (const o of await Promise.all(kept)) assert.equal(o.ok ? 'ok' : o.reason, 'lost');
  });

  it('isolates a row the database rejects so the rest of its batch is still written', async () => {
    const bad = new CrmError('PG_QUERY_FAILED', 'bad', { details: { sqlstate: '22P02' } });
    const db = fakeStore((_c, ids) => (ids.includes('bad') ? bad : undefined));
    const w = new LogWriter({ getStore: async () => db.store, batchSize: 3, flushIntervalMs: 5 });
    const outcomes = await Promise.all(['1', 'bad', '3', '4'].map((id) => w.add(row(id))));
    assert.deepEqual(
      outcomes.map((o) => (o.ok ? 'ok' : o.reason)),
      ['ok', 'failed', 'ok', 'ok'],
    );
    assert.deepEqual(db.written, ['1', '3', '4']);
    assert.equal(w.stats.failed, 1);
    await w.close();
  });

  it('close writes what is buffered before resolving', async () => {
    const db = fakeStore();
    const w = new LogWriter({ getStore: async () => db.store, batchSize: 100, flushIntervalMs: 60_000 });
    const pending = ['x', 'y'].map((id) => w.add(row(id)));
    assert.equal(await w.close(1000), 0);
    assert.deepEqual(db.written, ['x', 'y']);
    assert.deepEqual(await Promise.all(pending), [{ ok: true }, { ok: true }]);
    const after = await w.add(row('z'));
    assert.equal(after.ok, false);
  });
});
