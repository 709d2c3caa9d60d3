/**
 * The one error type that crosses layers. `code` is stable and looked up in the node catalogs
 * (`common.errors.<code>`), so connectors and core stay free of Node-RED while users still get
 * translated, actionable messages. `message` is the English fallback and must never hold a secret.
 */
export interface CrmErrorOptions {
  retryable?: boolean;
  /** Values for the catalog message's __placeholders__ (Node-RED's i18next syntax); no secrets. */
  params?: Record<string, unknown>;
  /** Extra machine-readable facts (HTTP status, API error body) for msg.error and error_log. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class CrmError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly params: Record<string, unknown>;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, options: CrmErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CrmError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.params = options.params ?? {};
    this.details = options.details ?? {};
  }
}

export function isCrmError(err: unknown): err is CrmError {
  return err instanceof CrmError;
}

/** Normalises anything thrown into an Error with a code, without losing the original as `cause`. */
export function toCrmError(err: unknown, fallbackCode = 'UNEXPECTED'): CrmError {
  if (err instanceof CrmError) return err;
  if (err instanceof Error) {
    const raw = (err as Error & { code?: unknown }).code;
    const code = typeof raw === 'string' ? raw : fallbackCode;
    return new CrmError(code, err.message, { cause: err });
  }
  return new CrmError(fallbackCode, typeof err === 'string' ? err : JSON.stringify(err));
}
