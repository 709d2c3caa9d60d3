import { GraphQLError } from 'graphql';

/**
 * monday's error shape since API 2025-01: `extensions: {code, error_data, status_code}`. Application
 * errors come back with HTTP 200; `status_code` is the status monday would have used before.
 */
export function mondayError(code: string, message: string, errorData: Record<string, unknown> = {}, statusCode = 200): GraphQLError {
  return new GraphQLError(message, { extensions: { code, error_data: errorData, status_code: statusCode } });
}

/** A request-level failure answered before execution: the HTTP status and extra headers travel with it. */
export class TwinHttpError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
    /** Since API 2025-07 the rate and budget errors carry only code and retry_in_seconds. */
    readonly withStatusCode = true,
  ) {
    super(message);
  }

  toGraphQL(): Record<string, unknown> {
    const { locations, ...extra } = this.extra;
    const status = this.withStatusCode ? { status_code: this.httpStatus } : {};
    return { message: this.message, ...(locations ? { locations } : {}), extensions: { code: this.code, ...status, ...extra } };
  }
}
