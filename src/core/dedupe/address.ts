/** Street-address normalization: the usual abbreviations and directionals become one spelling. */
import { normalizeText } from './text';

const ABBREVIATIONS: Record<string, string> = {
  street: 'st', str: 'st', avenue: 'ave', av: 'ave', road: 'rd', boulevard: 'blvd', blv: 'blvd', drive: 'dr', lane: 'ln',
  place: 'pl', court: 'ct', crescent: 'cres', terrace: 'tce', parade: 'pde', highway: 'hwy', parkway: 'pkwy',
  square: 'sq', circle: 'cir', suite: 'ste', apartment: 'apt', unit: 'apt', floor: 'fl', building: 'bldg',
  north: 'n', south: 's', east: 'e', west: 'w', northeast: 'ne', northwest: 'nw', southeast: 'se', southwest: 'sw',
  mount: 'mt', saint: 'st', first: '1st', second: '2nd', third: '3rd', fourth: '4th', fifth: '5th',
};

/** "221B Baker Street, Suite 4" → "221b baker st ste 4". */
export function normalizeAddress(value: string): string {
  return normalizeText(value)
    .split(' ')
    .map((w) => ABBREVIATIONS[w] ?? w)
    .join(' ');
}

/** Leading house number, for blocking ("12-14 High St" → "12"). */
export function houseNumber(normalized: string): string {
  const m = /^(\d+)/.exec(normalized);
  return m ? m[1] : '';
}
