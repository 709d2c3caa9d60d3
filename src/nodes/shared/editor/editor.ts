/** Editor-side helpers shared by every node's editor script (bundled into each node's HTML). */

export const CATEGORY = 'CRM sync';
export const CONFIG_CATEGORY = 'config';

/** Brand-neutral palette colours so our nodes read as one family. */
export const COLORS = {
  salesforce: '#8ec9f0',
  monday: '#ffcb8e',
  data: '#c7e9c0',
  ops: '#e2d96e',
} as const;

/** Label helper: the node's name, else its catalog default. */
export function labelOr(this: { name?: string; _: (key: string) => string }, key: string): string {
  return this.name || this._(key);
}

/**
 * Calls an admin endpoint of ours (permission-checked on the runtime side) and shows the outcome
 * as an editor notification. Used by the "Test connection" buttons.
 */
export function callAdmin<T>(url: string, body: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    $.ajax({
      url,
      type: 'POST',
      contentType: 'application/json',
      data: JSON.stringify(body),
      success: (data: T) => resolve(data),
      error: (xhr: JQuery.jqXHR) => {
        const message = (xhr.responseJSON as { message?: string } | undefined)?.message ?? xhr.statusText;
        reject(new Error(message));
      },
    });
  });
}

/** Validator for optional whole-number fields: empty means "use the default", else min..max. */
export function wholeIn(min: number, max: number): (v: unknown) => boolean {
  return (v: unknown): boolean => v === '' || v === undefined || (Number.isInteger(Number(v)) && Number(v) >= min && Number(v) <= max);
}
