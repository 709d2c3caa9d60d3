import type { Pager } from './pages';
import type { MondayStore } from './store';
import type { WebhookManager } from './webhooks';

export interface ComplexityReading {
  before: number;
  query: number;
  after: number;
  reset_in_x_seconds: number;
}

/** Everything a resolver needs for one request. */
export interface TwinContext {
  store: MondayStore;
  pages: Pager;
  webhooks: WebhookManager;
  now(): number;
  userId: string;
  accountId: number;
  apiVersion: string;
  complexity: ComplexityReading;
}
