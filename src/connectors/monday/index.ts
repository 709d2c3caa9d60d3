export { MondayClient, DEFAULT_API_VERSION, DEFAULT_BUDGET, DEFAULT_ENDPOINT, MAX_PAGE_LIMIT } from './client';
export type { ItemsPageOptions, RequestResult } from './client';
export { runWrites } from './batch';
export type { WriteOp, WriteResult, BatchProgress } from './batch';
export { ComplexityPacer } from './pacer';
export * from './types';
export * as queries from './queries';
export { normalizeEvent, decodeWebhookValue, verifyWebhookJwt, SeenIds } from './webhook-events';
export type { NormalizedEvent } from './webhook-events';
