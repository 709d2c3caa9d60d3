import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ColumnValueError, email, link, longText, numbers, phone, text } from '../../src/connectors/monday/columns';
import { cell, ctx, NOW } from '../helpers/monday-columns';

const refuses = (fn: () => unknown, pattern: RegExp) => assert.throws(fn, (err: unknown) => err instanceof ColumnValueError && err.code === 'MONDAY_COLUMN_VALUE_INVALID' && pattern.test(err.message));

describe('monday columns: text', () => {
  it('encodes a plain string, decodes monday\'s JSON string value', () => {
    assert.equal(text.encode('Acme'), 'Acme');
    assert.equal(text.decode(cell('Acme', 'Acme')), 'Acme');
    assert.equal(text.decode(cell(null)), null);
  });
  it('applies strings, clears on "", refuses objects', () => {
    assert.deepEqual(text.apply('Acme', ctx()), { value: 'Acme', text: 'Acme' });
    assert.deepEqual(text.apply('', ctx()), { value: null, text: '' });
    refuses(() => text.apply({ a: 1 }, ctx()), /string/);
  });
});

describe('monday columns: long_text', () => {
  it('encodes {text}, decodes the text field', () => {
    assert.deepEqual(longText.encode('a\nb'), { text: 'a\nb' });
    assert.equal(longText.decode(cell({ text: 'a\nb', changed_at: NOW }, 'a\nb')), 'a\nb');
  });
  it('accepts {text} or a bare string and stamps changed_at', () => {
    assert.deepEqual(longText.apply({ text: 'x' }, ctx()), { value: { text: 'x', changed_at: NOW }, text: 'x' });
    assert.deepEqual(longText.apply('y', ctx()).value, { text: 'y', changed_at: NOW });
  });
});

describe('monday columns: numbers', () => {
  it('encodes a number as monday\'s numeric string, decodes to a number', () => {
    assert.equal(numbers.encode(42.5), '42.5');
    assert.equal(numbers.decode(cell('42.5', '42.5')), 42.5);
    assert.equal(numbers.decode(cell(null)), null);
  });
  it('refuses non-numeric text like monday', () => {
    assert.deepEqual(numbers.apply('7', ctx()), { value: '7', text: '7' });
    assert.deepEqual(numbers.apply(3, ctx()), { value: '3', text: '3' });
    refuses(() => numbers.apply('seven', ctx()), /numeric/);
  });
});

describe('monday columns: email', () => {
  it('encodes {email, text}, defaulting text to the address', () => {
    assert.deepEqual(email.encode({ email: 'a@b.co' }), { email: 'a@b.co', text: 'a@b.co' });
    assert.deepEqual(email.decode(cell({ email: 'a@b.co', text: 'Ada', changed_at: NOW }, 'a@b.co')), { email: 'a@b.co', text: 'Ada' });
  });
  it('refuses malformed addresses and reads the simple "address text" form', () => {
    assert.equal(email.apply({ email: 'a@b.co', text: 'Ada' }, ctx()).text, 'a@b.co');
    refuses(() => email.apply({ email: 'not-an-email' }, ctx()), /invalid email/);
    assert.deepEqual(email.fromSimple!('a@b.co Ada Novak'), { email: 'a@b.co', text: 'Ada Novak' });
  });
});

describe('monday columns: phone', () => {
  it('encodes {phone, countryShortName}, decodes both', () => {
    assert.deepEqual(phone.encode({ phone: '+15551234567', countryShortName: 'US' }), { phone: '+15551234567', countryShortName: 'US' });
    assert.deepEqual(phone.decode(cell({ phone: '+15551234567', countryShortName: 'US', changed_at: NOW }, '+15551234567')), { phone: '+15551234567', countryShortName: 'US' });
  });
  it('refuses letters and bad country codes', () => {
    refuses(() => phone.apply({ phone: 'call me' }, ctx()), /invalid phone/);
    refuses(() => phone.apply({ phone: '+1555123', countryShortName: 'usa' }, ctx()), /countryShortName/);
    assert.deepEqual(phone.fromSimple!('+4930123456 DE'), { phone: '+4930123456', countryShortName: 'DE' });
  });
});

describe('monday columns: link', () => {
  it('encodes {url, text}, decodes both', () => {
    assert.deepEqual(link.encode({ url: 'https://x.example' }), { url: 'https://x.example', text: 'https://x.example' });
    assert.deepEqual(link.decode(cell({ url: 'https://x.example', text: 'X', changed_at: NOW }, 'X - https://x.example')), { url: 'https://x.example', text: 'X' });
  });
  it('needs a url', () => {
    assert.equal(link.apply({ url: 'https://x.example', text: 'X' }, ctx()).text, 'X - https://x.example');
    refuses(() => link.apply({ text: 'X' }, ctx()), /url/);
  });
});
