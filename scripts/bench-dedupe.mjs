// Dedupe throughput and memory on deterministic synthetic contacts (10% planted duplicates).
// Usage: node scripts/bench-dedupe.mjs [records ...]   (default 10000 50000 100000)
// Runs the TypeScript sources through tsx, so no build is needed.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

// the sources compile to CommonJS, so load them the way the tests do
register();
const require = createRequire(import.meta.url);
const { dedupeBatch } = require('../src/core/dedupe/engine.ts');
const { CONTACT_PROFILE } = require('../src/core/dedupe/profiles.ts');
const { syntheticContacts } = require('../test/unit/dedupe-synthetic.ts');

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const mapping = { firstName: 'first', lastName: 'last', email: 'email', phone: 'phone', dob: 'dob', city: 'city', postcode: 'zip' };
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

console.log('records   time(s)  records/s  comparisons/record  duplicates  review  heapUsed  rss');
for (const n of sizes.length ? sizes : [10000, 50000, 100000]) {
  const { records } = syntheticContacts(n, 0.1, 42);
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  const r = await dedupeBatch(records, {
    profile: CONTACT_PROFILE,
    mapping,
    idKey: 'id',
    matchThreshold: CONTACT_PROFILE.thresholds.match,
    reviewThreshold: CONTACT_PROFILE.thresholds.review,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const mem = process.memoryUsage();
  console.log(
    [
      String(n).padStart(7),
      seconds.toFixed(2).padStart(9),
      Math.round(n / seconds).toString().padStart(10),
      (r.stats.comparisons / n).toFixed(1).padStart(19),
      String(r.stats.duplicates).padStart(11),
      String(r.stats.review).padStart(7),
      mb(mem.heapUsed).padStart(9),
      mb(mem.rss).padStart(8),
    ].join(' '),
  );
}
