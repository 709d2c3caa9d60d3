import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TransformContext } from '../../src/core/mapping/transforms/base';
import { TransformFailure } from '../../src/core/mapping/transforms/base';
import { boolean } from '../../src/core/mapping/transforms/boolean';
import { date, dateOrder, datetime, formatDate } from '../../src/core/mapping/transforms/dates';
import { lookup, picklist } from '../../src/core/mapping/transforms/lookup';
import { number, parseLocaleNumber } from '../../src/core/mapping/transforms/numbers';
import { phone } from '../../src/core/mapping/transforms/phone';
import { runChain } from '../../src/core/mapping/transforms/registry';

const ctx: TransformContext = { options: {} };
const de: TransformContext = { options: { locale: 'de-DE', timeZone: 'Europe/Berlin', defaultCountry: 'DE' } };
const fails = (fn: () => unknown, code: string): void => {
  assert.throws(fn, (err: unknown) => err instanceof TransformFailure && err.code === code);
};

describe('mapping transforms: dates', () => {
  it('knows the day/month order of locales from Intl', () => {
    assert.equal(dateOrder('en-US'), 'MDY');
    assert.equal(dateOrder('de-DE'), 'DMY');
    assert.equal(dateOrder('en-GB'), 'DMY');
  });

  it('date parses ISO, locale text, monday columns and epochs', () => {
    assert.equal(date('2026-11-25', {}, ctx), '2026-11-25');
    assert.equal(date('25.11.2026', {}, de), '2026-11-25');
    assert.equal(date('11/25/2026', {}, ctx), '2026-11-25');
    assert.equal(date('25/11/2026', { locale: 'en-GB' }, ctx), '2026-11-25');
    assert.equal(date({ date: '2026-11-25', time: null }, {}, ctx), '2026-11-25');
    assert.equal(date(Date.UTC(2026, 10, 25, 12), {}, ctx), '2026-11-25');
  });

  it('date of a date-time is the calendar day in the target zone', () => {
    // 23:30 UTC is already the next day in Berlin.
    assert.equal(date('2026-11-25T23:30:00Z', { toTimeZone: 'Europe/Berlin' }, ctx), '2026-11-26');
    assert.equal(date('2026-11-25T23:30:00Z', {}, ctx), '2026-11-25');
  });

  it('rejects impossible dates and junk', () => {
    fails(() => date('31.02.2026', {}, de), 'INVALID_DATE');
    fails(() => date('soon', {}, ctx), 'INVALID_DATE');
    fails(() => date({ foo: 1 }, {}, ctx), 'INVALID_DATE');
    fails(() => date('2026-11-25 10:00', { timeZone: 'Mars/Olympus' }, ctx), 'BAD_OPTION');
  });

  it('datetime reads local time in the source zone and writes UTC', () => {
    assert.equal(datetime('25.11.2026 10:00', {}, de), '2026-11-25T09:00:00Z');
    assert.equal(datetime('2026-07-01 10:00', { timeZone: 'Europe/Berlin' }, ctx), '2026-07-01T08:00:00Z');
    assert.equal(datetime('2026-11-25T10:00:00+05:30', {}, ctx), '2026-11-25T04:30:00Z');
    assert.equal(datetime({ date: '2026-11-25', time: '13:05:00' }, {}, de), '2026-11-25T13:05:00Z');
    assert.equal(datetime('11/25/2026 3:15 pm', { timeZone: 'America/New_York' }, ctx), '2026-11-25T20:15:00Z');
  });

  it('datetime converts between zones, DST included', () => {
    assert.equal(datetime('2026-11-25T09:00:00Z', { toTimeZone: 'Europe/Berlin' }, ctx), '2026-11-25T10:00:00+01:00');
    assert.equal(datetime('2026-07-01T09:00:00Z', { toTimeZone: 'Europe/Berlin' }, ctx), '2026-07-01T11:00:00+02:00');
    assert.equal(datetime('2026-07-01T09:00:00Z', { toTimeZone: 'America/Los_Angeles' }, ctx), '2026-07-01T02:00:00-07:00');
    fails(() => datetime('2026-07-01T09:00:00Z', { toTimeZone: 'Nowhere/City' }, ctx), 'BAD_OPTION');
  });

  it('formatDate renders patterns and Intl styles in a zone', () => {
    assert.equal(formatDate('2026-11-25T09:05:00Z', { pattern: 'dd.MM.yyyy HH:mm', toTimeZone: 'Europe/Berlin' }, ctx), '25.11.2026 10:05');
    assert.equal(formatDate('2026-11-25', { dateStyle: 'long', locale: 'en-US' }, ctx), 'November 25, 2026');
  });
});

describe('mapping transforms: numbers', () => {
  it('parses locale-formatted numbers', () => {
    assert.equal(parseLocaleNumber('1.234,56', 'de-DE'), 1234.56);
    assert.equal(parseLocaleNumber('1,234.56', 'en-US'), 1234.56);
    assert.equal(parseLocaleNumber('1 234,5', 'fr-FR'), 1234.5);
    assert.equal(parseLocaleNumber('€ 12.500,00', 'de-DE'), 12500);
    assert.equal(parseLocaleNumber('$1,000', 'en-US'), 1000);
    assert.equal(parseLocaleNumber('(1,234.00)', 'en-US'), -1234);
    assert.equal(parseLocaleNumber('-0,5', 'de-DE'), -0.5);
    assert.equal(parseLocaleNumber('1’234.50', 'de-CH'), 1234.5);
  });

  it('rejects text that is not a number in the locale', () => {
    fails(() => parseLocaleNumber('1,234.56', 'de-DE'), 'INVALID_NUMBER');
    fails(() => parseLocaleNumber('1.5', 'de-DE'), 'INVALID_NUMBER');
    fails(() => parseLocaleNumber('twelve', 'en-US'), 'INVALID_NUMBER');
    fails(() => parseLocaleNumber('1.2.3', 'en-US'), 'INVALID_NUMBER');
  });

  it('number uses the mapping locale, rounds and checks integers', () => {
    assert.equal(number('1.234,567', { decimals: 2 }, de), 1234.57);
    assert.equal(number(42, {}, ctx), 42);
    fails(() => number('2.5', { integer: true }, ctx), 'NOT_INTEGER');
    fails(() => number(true, {}, ctx), 'INVALID_NUMBER');
    fails(() => number(Number.NaN, {}, ctx), 'INVALID_NUMBER');
  });
});

describe('mapping transforms: phone', () => {
  it('formats to E.164 with a default country', () => {
    assert.equal(phone('030 1234567', {}, de), '+49301234567');
    assert.equal(phone('(415) 555-2671', { defaultCountry: 'US' }, ctx), '+14155552671');
    assert.equal(phone('+44 20 7946 0958', {}, ctx), '+442079460958');
    assert.equal(phone({ phone: '0301234567', countryShortName: 'DE' }, {}, ctx), '+49301234567');
  });

  it('fails clearly without a country or for junk', () => {
    fails(() => phone('030 1234567', {}, ctx), 'INVALID_PHONE');
    fails(() => phone('12', {}, de), 'INVALID_PHONE');
    fails(() => phone('call me', {}, de), 'INVALID_PHONE');
    fails(() => phone('030 1234567', { defaultCountry: 'XX' }, ctx), 'BAD_OPTION');
  });
});

describe('mapping transforms: boolean', () => {
  it('reads the usual ways of saying yes and no', () => {
    for (const v of [true, 1, '1', 'yes', 'Y', 'TRUE', 'checked', 'x', 'on', 'ja', { checked: 'true' }]) assert.equal(boolean(v, {}, ctx), true, String(v));
    for (const v of [false, 0, '0', 'no', 'N', 'false', 'unchecked', 'off', '', { checked: 'false' }]) assert.equal(boolean(v, {}, ctx), false, String(v));
  });

  it('rejects values that are neither', () => {
    fails(() => boolean('maybe', {}, ctx), 'INVALID_BOOLEAN');
    fails(() => boolean(2, {}, ctx), 'INVALID_BOOLEAN');
  });
});

describe('mapping transforms: lookup and picklist', () => {
  const stages = { 'Follow-up': 'Prospecting', Quote: 'Proposal/Price Quote', MOU: 'Negotiation/Review' };

  it('translates monday statuses to Salesforce stages', () => {
    assert.equal(lookup('Follow-up', { table: stages }, ctx), 'Prospecting');
    assert.equal(lookup(' quote ', { table: stages }, ctx), 'Proposal/Price Quote');
    assert.equal(lookup({ label: 'MOU', index: 2 }, { table: stages }, ctx), 'Negotiation/Review');
  });

  it('applies the unmapped policy', () => {
    fails(() => lookup('Lost', { table: stages }, ctx), 'UNMAPPED_VALUE');
    assert.equal(lookup('Lost', { table: stages, unmapped: 'default', default: 'Closed Lost' }, ctx), 'Closed Lost');
    assert.equal(lookup('Lost', { table: stages, unmapped: 'keep' }, ctx), 'Lost');
    assert.equal(lookup('Lost', { table: stages, unmapped: 'null' }, ctx), null);
    fails(() => lookup('quote', { table: stages, caseSensitive: true }, ctx), 'UNMAPPED_VALUE');
    fails(() => lookup('x', { table: ['a'] }, ctx), 'BAD_OPTION');
  });

  it('picklist checks values and returns the canonical spelling', () => {
    const field = { name: 'Rating', type: 'picklist' as const, picklist: ['Hot', 'Warm', 'Cold'] };
    assert.equal(picklist('hot', {}, { options: {}, field }), 'Hot');
    assert.equal(picklist(['warm', 'Cold'], { values: ['Hot', 'Warm', 'Cold'], separator: ';' }, ctx), 'Warm;Cold');
    fails(() => picklist('Lukewarm', {}, { options: {}, field }), 'PICKLIST_INVALID');
    fails(() => picklist('Hot', {}, ctx), 'BAD_OPTION');
  });
});

describe('mapping transforms: chains', () => {
  it('runs steps in order and names the failing step', () => {
    assert.equal(runChain('  JANE@EXAMPLE.COM ', ['trim', 'email'], ctx), 'jane@example.com');
    assert.equal(runChain('Jane Doe', [{ type: 'splitName', part: 'first' }, 'upper'], ctx), 'JANE');
    fails(() => runChain('x', ['trim', 'nope'], ctx), 'UNKNOWN_TRANSFORM');
    fails(() => runChain('x', ['trim', 'number'], ctx), 'INVALID_NUMBER');
  });
});
