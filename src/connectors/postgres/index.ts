/** PostgreSQL connector: settings, the store (server or embedded PGlite), migrations, error mapping. */
export * from './settings';
export * from './errors';
export * from './migrations';
export * from './store';
export { acquireEmbedded, embeddedRefs } from './embedded';
export * from './log-rows';
export * from './log-writer';
