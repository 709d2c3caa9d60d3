import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { houseNumber, normalizeAddress } from '../../src/core/dedupe/address';
import { normalizeCompany } from '../../src/core/dedupe/company';
import { normalizeDate, swapDayMonth } from '../../src/core/dedupe/dates';
import { emailLocalPart, normalizeEmail } from '../../src/core/dedupe/email';
import { canonicalGivenName } from '../../src/core/dedupe/nicknames';
import { normalizeDomain, normalizeField } from '../../src/core/dedupe/normalize';
import { normalizePhone, phoneTail } from '../../src/core/dedupe/phone';
import { soundex } from '../../src/core/dedupe/phonetic';
import { collapseWhitespace, digitsOnly, foldCase, normalizeText, sortedTokens, stripAccents, stripPunctuation } from '../../src/core/dedupe/text';

describe('dedupe text normalizers', () => {
  it('folds case', () => assert.equal(foldCase('McDONALD'), 'mcdonald'));
  it('strips accents by NFD and maps letters without decomposition', () => {
    assert.equal(stripAccents('José Müller-Łukasz Ørsted Straße Æsir'), 'Jose Muller-Lukasz Orsted Strasse AEsir');
  });
  it('collapses whitespace including non-breaking spaces and control characters', () => {
    assert.equal(collapseWhitespace('  a \t b\u00a0\n c\u0000d '), 'a b c d');
    assert.equal(normalizeField('surname', 'Sm\u0000ith'), 'sm ith');
  });
  it('drops apostrophes and turns other punctuation into spaces', () => assert.equal(stripPunctuation("O'Brien-Smith, Jr."), 'OBrien Smith  Jr '));
  it('combines all of them', () => assert.equal(normalizeText('  Dr. José  O’Neil-Brown '), 'dr jose oneil brown'));
  it('keeps digits only', () => assert.equal(digitsOnly('+1 (312) 555-01.01'), '13125550101'));
  it('sorts unique tokens', () => assert.equal(sortedTokens('smith john smith'), 'john smith'));
});

describe('dedupe e-mail normalizer', () => {
  it('lower-cases and trims, and rejects non-addresses', () => {
    assert.equal(normalizeEmail('  John.Doe@Example.COM '), 'john.doe@example.com');
    assert.equal(normalizeEmail('mailto:<a@b.io>'), 'a@b.io');
    assert.equal(normalizeEmail('not an email'), '');
    assert.equal(normalizeEmail('a@b'), '');
  });
  it('removes +tags unless told not to', () => {
    assert.equal(normalizeEmail('john+crm@example.com'), 'john@example.com');
    assert.equal(normalizeEmail('john+crm@example.com', { stripPlusTag: false }), 'john+crm@example.com');
  });
  it('ignores dots for gmail and folds googlemail.com, as an option', () => {
    assert.equal(normalizeEmail('J.O.H.N@googlemail.com'), 'john@gmail.com');
    assert.equal(normalizeEmail('j.ohn@gmail.com', { gmailDots: false }), 'j.ohn@gmail.com');
    assert.equal(normalizeEmail('j.ohn@example.com'), 'j.ohn@example.com', 'dots matter elsewhere');
  });
  it('gives the local part', () => assert.equal(emailLocalPart('ann.lee@x.org'), 'ann.lee'));
});

describe('dedupe phone normalizer', () => {
  it('formats national numbers as E.164 using the default country', () => {
    assert.equal(normalizePhone('(312) 555-1234', 'US'), '+13125551234');
    assert.equal(normalizePhone('030 1234567', 'DE'), '+49301234567');
    assert.equal(normalizePhone('+44 20 7946 0958', 'US'), '+442079460958', 'explicit country code wins');
  });
  it('falls back to digits for numbers the library cannot place, and rejects junk', () => {
    assert.equal(normalizePhone('386-5286', 'US'), '3865286');
    assert.equal(normalizePhone('n/a', 'US'), '');
    assert.equal(normalizePhone('12', 'US'), '');
  });
  it('keeps the subscriber tail for partial agreement', () => {
    assert.equal(phoneTail('+13125551234'), '5551234');
    assert.equal(phoneTail('123'), '');
  });
});

describe('dedupe company normalizer', () => {
  const cases: Array<[string, string]> = [
    ['ACME Inc.', 'acme'],
    ['Acme, Incorporated', 'acme'],
    ['The Acme Corporation', 'acme'],
    ['Acme Corp., Ltd', 'acme'],
    ['Müller GmbH & Co. KG', 'muller'],
    ['Nestlé S.A.', 'nestle'],
    ['Foo Bar LLC', 'foo bar'],
    ['Smith & Sons Co', 'smith & sons'],
    ['Acme Intl Holdings Pty Ltd', 'acme international'],
    ['Inc', 'inc'],
  ];
  for (const [input, expected] of cases) it(`${input} → ${expected}`, () => assert.equal(normalizeCompany(input), expected));
});

describe('dedupe nicknames', () => {
  it('maps common diminutives to the formal name', () => {
    assert.equal(canonicalGivenName('bob'), 'robert');
    assert.equal(canonicalGivenName('bill'), 'william');
    assert.equal(canonicalGivenName('liz'), 'elizabeth');
    assert.equal(canonicalGivenName('peggy'), 'margaret');
    assert.equal(canonicalGivenName('robert'), 'robert');
    assert.equal(canonicalGivenName('zyx'), 'zyx');
  });
  it('applies to every word of a given-name field', () => assert.equal(normalizeField('givenName', 'Bob  Jim'), 'robert james'));
});

describe('dedupe address, date, domain and soundex', () => {
  it('abbreviates street words', () => {
    assert.equal(normalizeAddress('221B Baker Street, Suite 4'), '221b baker st ste 4');
    assert.equal(normalizeAddress('1 North Main Avenue'), '1 n main ave');
    assert.equal(houseNumber('high st'), '');
    assert.equal(houseNumber('12 high st'), '12');
  });
  it('normalizes dates to YYYYMMDD', () => {
    assert.equal(normalizeDate('1971-06-24'), '19710624');
    assert.equal(normalizeDate('1971/6/4'), '19710604');
    assert.equal(normalizeDate('19710624'), '19710624');
    assert.equal(normalizeDate(new Date(Date.UTC(1971, 5, 24))), '19710624');
    assert.equal(normalizeDate(''), '');
    assert.equal(swapDayMonth('19710604'), '19710406');
  });
  it('reduces URLs and addresses to a bare domain, rejecting non-domains', () => {
    assert.equal(normalizeDomain('https://www.Acme.com/about?x=1'), 'acme.com');
    assert.equal(normalizeDomain('sales@acme.co.uk'), 'acme.co.uk');
    assert.equal(normalizeDomain('Yes'), '');
  });
  it('computes American Soundex', () => {
    assert.equal(soundex('Robert'), 'R163');
    assert.equal(soundex('Rupert'), 'R163');
    assert.equal(soundex('Ashcraft'), 'A261');
    assert.equal(soundex('Tymczak'), 'T522');
    assert.equal(soundex('Pfister'), 'P236');
    assert.equal(soundex('Lee'), 'L000');
    assert.equal(soundex(''), '');
  });
  it('treats postcode and id as compact alphanumerics', () => {
    assert.equal(normalizeField('postcode', 'SW1A 1AA'), 'sw1a1aa');
    assert.equal(normalizeField('id', '123-45-678'), '12345678');
    assert.equal(normalizeField('phone', null), '');
  });
});
