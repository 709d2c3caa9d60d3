import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clearWrite, COLUMN_CODECS, ColumnValueError } from '../../src/connectors/monday/columns';

const coerce = (type: string, input: unknown) => COLUMN_CODECS[type].coerce(input);
const refuses = (type: string, input: unknown, pattern: RegExp) =>
  assert.throws(() => coerce(type, input), (err: unknown) => err instanceof ColumnValueError && err.columnType === type && pattern.test(err.message), `${type} ${JSON.stringify(input)}`);

describe('monday columns: coerce loosely typed flow values', () => {
  it('treats blank input as "clear the column" for every type, with the write monday takes for a clear', () => {
    for (const type of Object.keys(COLUMN_CODECS)) {
      for (const blank of [null, undefined, '', '  ']) assert.equal(coerce(type, blank), null, `${type} ${JSON.stringify(blank)}`);
    }
    assert.equal(clearWrite('text'), '');
    assert.equal(clearWrite('numbers'), '');
    assert.deepEqual(clearWrite('status'), {});
  });

  it('text, long_text and status take strings, numbers and booleans but not objects', () => {
    assert.equal(coerce('text', 42), '42');
    assert.equal(coerce('long_text', 'a\nb'), 'a\nb');
    assert.equal(coerce('status', ' Quote '), 'Quote');
    refuses('text', { a: 1 }, /needs text, not an object/);
  });

  it('numbers take numbers and numeric strings only', () => {
    assert.equal(coerce('numbers', '12345.50'), 12345.5);
    assert.equal(coerce('numbers', -3), -3);
    refuses('numbers', '12,345', /needs a number, not "12,345"/);
    refuses('numbers', Number.NaN, /needs a number/);
  });

  it('email, phone and link take a bare string or their object', () => {
    assert.deepEqual(coerce('email', ' ada@example.com '), { email: 'ada@example.com' });
    assert.deepEqual(coerce('email', { email: 'ada@example.com', text: 'Ada' }), { email: 'ada@example.com', text: 'Ada' });
    refuses('email', 'ada at example', /invalid email/);
    assert.deepEqual(coerce('phone', 15551234567), { phone: '15551234567' });
    assert.deepEqual(coerce('phone', { phone: '+4930123', countryShortName: 'de' }), { phone: '+4930123', countryShortName: 'DE' });
    assert.deepEqual(coerce('link', 'https://x.example'), { url: 'https://x.example' });
  });

  it('checkbox reads the usual spellings of yes and no', () => {
    for (const yes of [true, 'true', 'Yes', 1, '1']) assert.equal(coerce('checkbox', yes), true);
    for (const no of [false, 'false', 'no', 0]) assert.equal(coerce('checkbox', no), false);
    refuses('checkbox', 'maybe', /true or false/);
  });

  it('dropdown takes a list or a comma-separated string', () => {
    assert.deepEqual(coerce('dropdown', 'Cookie, Cupcake'), ['Cookie', 'Cupcake']);
    assert.deepEqual(coerce('dropdown', ['Cookie']), ['Cookie']);
  });

  it('people, board_relation and tags take ids as numbers, numeric strings, lists or comma strings', () => {
    assert.deepEqual(coerce('people', '7, 9'), [{ id: 7, kind: 'person' }, { id: 9, kind: 'person' }]);
    assert.deepEqual(coerce('people', [{ id: '3', kind: 'team' }]), [{ id: 3, kind: 'team' }]);
    assert.deepEqual(coerce('board_relation', 123), [123]);
    assert.deepEqual(coerce('tags', ['1', 2]), [1, 2]);
    refuses('people', 'dana@example.com', /numeric ids/);
  });

  it('date keeps dates, turns Dates, epochs and ISO date-times into UTC date-times, refuses the rest', () => {
    assert.equal(coerce('date', '2026-05-01'), '2026-05-01');
    assert.equal(coerce('date', '2026-05-01T15:45:00+02:00'), '2026-05-01T13:45:00Z');
    assert.equal(coerce('date', new Date(Date.UTC(2026, 4, 1, 13, 45))), '2026-05-01T13:45:00Z');
    assert.equal(coerce('date', Date.UTC(2026, 4, 1)), '2026-05-01T00:00:00Z');
    refuses('date', '2026-02-30', /needs a date/);
    refuses('date', '01/05/2026', /needs a date/);
  });

  it('timeline, hour, country, location and rating', () => {
    assert.deepEqual(coerce('timeline', { from: '2026-01-01', to: new Date(Date.UTC(2026, 0, 31)) }), { from: '2026-01-01', to: '2026-01-31' });
    assert.deepEqual(coerce('hour', '9:05'), { hour: 9, minute: 5 });
    assert.deepEqual(coerce('hour', { hour: '13' }), { hour: 13, minute: 0 });
    assert.equal(coerce('country', 'de'), 'DE');
    refuses('country', 'Germany', /invalid country code/);
    assert.deepEqual(coerce('location', '52.52, 13.405'), { lat: 52.52, lng: 13.405 });
    assert.equal(coerce('rating', '4'), 4);
    refuses('rating', 2.5, /whole number/);
  });

  it('coerce → encode → apply accepts what coerce accepts', () => {
    const samples: Record<string, unknown> = {
      status: 'Done', dropdown: 'Cookie', people: '7', date: '2026-05-01', numbers: '3', text: 'x', long_text: 'y', email: 'a@b.co',
      phone: '+15551234567', link: 'https://x.example', checkbox: 'yes', board_relation: '11', tags: '1', timeline: { from: '2026-01-01', to: '2026-01-02' },
      hour: '10:30', country: 'US', location: '1,2', rating: '3',
    };
    const ctx = {
      settings: { labels: { '1': 'Done' } }, createLabels: true, now: '2026-11-25T00:00:00.000Z',
      lookups: { userName: () => 'Ada', itemName: () => 'Deal', tagName: () => 'hot' },
    };
    for (const [type, input] of Object.entries(samples)) {
      const codec = COLUMN_CODECS[type];
      const applied = codec.apply(codec.encode(codec.coerce(input)), { ...ctx, settings: type === 'dropdown' ? { labels: [] } : ctx.settings });
      assert.notEqual(applied.value, null, type);
    }
  });
});
