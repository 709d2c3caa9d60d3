/** Dates to a comparable YYYYMMDD string; anything unparseable keeps its digits (still comparable). */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function valid(y: number, m: number, d: number): boolean {
  return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/** Accepts Date objects, ISO strings ("1971-06-24", "1971-06-24T00:00:00Z"), "19710624", "1971/6/24". */
export function normalizeDate(value: unknown): string {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : `${value.getUTCFullYear()}${pad(value.getUTCMonth() + 1)}${pad(value.getUTCDate())}`;
  }
  const text = String(value ?? '').trim();
  if (!text) return '';
  const ymd = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(text);
  if (ymd) {
    const [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    if (valid(y, m, d)) return `${y}${pad(m)}${pad(d)}`;
  }
  const digits = text.replace(/\D+/g, '');
  return digits.length >= 4 ? digits : '';
}

/** Same date with day and month swapped (a classic data-entry error), or '' when not a full date. */
export function swapDayMonth(normalized: string): string {
  if (normalized.length !== 8) return '';
  return `${normalized.slice(0, 4)}${normalized.slice(6, 8)}${normalized.slice(4, 6)}`;
}
