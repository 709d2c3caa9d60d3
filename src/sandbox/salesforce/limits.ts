/** API families a test can count calls by (GET /__twin/stats, handle.stats()). */
export const API_FAMILIES = ['auth', 'query', 'sobject', 'collections', 'composite', 'describe', 'bulk', 'limits', 'other'] as const;
export type ApiFamily = (typeof API_FAMILIES)[number];

export function familyOf(segments: string[], method: string): ApiFamily {
  const [a, b, c] = segments;
  if (a === 'query' || a === 'queryAll') return 'query';
  if (a === 'sobjects') return !b || c === 'describe' || (segments.length === 2 && method === 'GET') ? 'describe' : 'sobject';
  if (a === 'composite') return b === 'sobjects' ? 'collections' : 'composite';
  if (a === 'jobs') return 'bulk';
  if (a === 'limits') return 'limits';
  return 'other';
}

export interface StatsSnapshot {
  /** API calls counted against the daily allocation. */
  apiUsage: { used: number; limit: number };
  /** Every request that reached the twin's API, auth included, by family. */
  requests: Record<ApiFamily, number>;
  total: number;
  /** Requests refused with 401 INVALID_SESSION_ID. */
  rejectedSessions: number;
  /** Faults injected, by kind. */
  faults: Record<string, number>;
}

/**
 * Daily API allocation and per-family counters. Salesforce counts each REST call once, whatever it does,
 * and answers 403 REQUEST_LIMIT_EXCEEDED once the allocation is spent.
 */
export class Usage {
  used = 0;
  rejectedSessions = 0;
  private requests = emptyCounts();
  private faults: Record<string, number> = {};

  constructor(public limit: number) {}

  countRequest(family: ApiFamily): void {
    this.requests[family]++;
  }

  /** Counts one API call; false when the allocation is already spent (the call is refused, not counted). */
  consume(): boolean {
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }

  countFault(kind: string): void {
    this.faults[kind] = (this.faults[kind] ?? 0) + 1;
  }

  header(): string {
    return `api-usage=${this.used}/${this.limit}`;
  }

  reset(): void {
    this.used = 0;
    this.rejectedSessions = 0;
    this.requests = emptyCounts();
    this.faults = {};
  }

  snapshot(): StatsSnapshot {
    const requests = { ...this.requests };
    return {
      apiUsage: { used: this.used, limit: this.limit },
      requests,
      total: Object.values(requests).reduce((a, b) => a + b, 0),
      rejectedSessions: this.rejectedSessions,
      faults: { ...this.faults },
    };
  }

  /** GET /limits: the subset of Salesforce's limits resource a sync tool looks at. */
  limitsResource(): Record<string, { Max: number; Remaining: number }> {
    return {
      DailyApiRequests: { Max: this.limit, Remaining: Math.max(0, this.limit - this.used) },
      DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
      DailyBulkV2QueryFileStorageMB: { Max: 976562, Remaining: 976562 },
      DataStorageMB: { Max: 5, Remaining: 5 },
      ConcurrentAsyncGetReportInstances: { Max: 200, Remaining: 200 },
    };
  }
}

function emptyCounts(): Record<ApiFamily, number> {
  return Object.fromEntries(API_FAMILIES.map((f) => [f, 0])) as Record<ApiFamily, number>;
}
