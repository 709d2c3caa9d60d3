import { SfError } from './http';
import type { ApiResult, Call } from './rest';
import type { Store } from './store';

/** Bulk API 2.0 (placeholder until implemented). */
export class Bulk {
  constructor(
    private readonly store: Store,
    private readonly processingMs: number,
  ) {}

  stop(): void {}

  handle(_call: Call, _baseUrl: string): ApiResult {
    void this.store;
    void this.processingMs;
    throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  }
}
