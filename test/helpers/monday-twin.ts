import type { MondayTwinHandle } from '../../src/sandbox/monday';

export interface RawResponse {
  status: number;
  headers: Headers;
  body: any;
}

/** A bare POST to the twin's /v2, for asserting status codes and envelopes exactly. */
export async function postV2(twin: MondayTwinHandle, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<RawResponse> {
  const res = await fetch(`${twin.info.url}/v2`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: twin.info.token, 'API-Version': '2026-10', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}
