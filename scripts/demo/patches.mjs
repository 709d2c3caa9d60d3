// How `npm start` points the example flows' config nodes at the demo: the API twins instead of the real
// services, the embedded PostgreSQL (or DATABASE_URL). The table lives in src/testing/patches.ts (shared
// with the flow test harness); this re-exports the built copy, so `npm start` builds first.
export { PATCHES, patchFlows } from '../../dist/testing/patches.js';
