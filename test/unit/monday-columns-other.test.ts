import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boardRelation, ColumnValueError, country, date, hour, location, people, timeline } from '../../src/connectors/monday/columns';
import { cell, ctx, NOW } from '../helpers/monday-columns';

const refuses = (fn: () => unknown, pattern: RegExp) => assert.throws(fn, (err: unknown) => err instanceof ColumnValueError && pattern.test(err.message));
const lookups = { userName: (id: number) => ({ 7: 'Ada' })[id], teamName: () => undefined, itemName: (id: number) => ({ 11: 'Deal' })[id] };

describe('monday columns: people', () => {
  it('encodes personsAndTeams, decodes numeric ids', () => {
    assert.deepEqual(people.encode([{ id: 7, kind: 'person' }]), { personsAndTeams: [{ id: 7, kind: 'person' }] });
    assert.deepEqual(people.decode(cell({ personsAndTeams: [{ id: '7', kind: 'person' }] }, 'Ada')), [{ id: 7, kind: 'person' }]);
  });
  it('names people and refuses unknown ones or bad kinds', () => {
    assert.equal(people.apply({ personsAndTeams: [{ id: 7, kind: 'person' }] }, ctx({}, { lookups })).text, 'Ada');
    refuses(() => people.apply({ personsAndTeams: [{ id: 8, kind: 'person' }] }, ctx({}, { lookups })), /person 8 does not exist/);
    refuses(() => people.apply({ personsAndTeams: [{ id: 7, kind: 'robot' }] }, ctx({}, { lookups })), /kind/);
    assert.deepEqual(people.fromSimple!('7, 9'), { personsAndTeams: [{ id: 7, kind: 'person' }, { id: 9, kind: 'person' }] });
  });
});

describe('monday columns: board_relation', () => {
  it('writes {item_ids}, stores and decodes linkedPulseIds', () => {
    assert.deepEqual(boardRelation.encode([11]), { item_ids: [11] });
    const applied = boardRelation.apply({ item_ids: [11] }, ctx({}, { lookups }));
    assert.deepEqual(applied.value, { linkedPulseIds: [{ linkedPulseId: 11 }], changed_at: NOW });
    assert.equal(applied.text, 'Deal');
    assert.deepEqual(boardRelation.decode(cell(applied.value)), [11]);
    refuses(() => boardRelation.apply({ item_ids: [12] }, ctx({}, { lookups })), /item 12/);
  });
});

describe('monday columns: date', () => {
  it('encodes a date or a UTC date-time, decodes back', () => {
    assert.deepEqual(date.encode('2026-05-01'), { date: '2026-05-01' });
    assert.deepEqual(date.encode('2026-05-01T13:45:00Z'), { date: '2026-05-01', time: '13:45:00' });
    assert.equal(date.decode(cell({ date: '2026-05-01', time: '13:45:00' })), '2026-05-01T13:45:00Z');
    assert.equal(date.decode(cell({ date: '2026-05-01', time: null })), '2026-05-01');
  });
  it('refuses impossible dates and times', () => {
    assert.equal(date.apply({ date: '2026-05-01', time: '09:30' }, ctx()).text, '2026-05-01 09:30');
    refuses(() => date.apply({ date: '2026-02-30' }, ctx()), /invalid date/);
    refuses(() => date.apply({ date: '01/05/2026' }, ctx()), /YYYY-MM-DD/);
    refuses(() => date.apply({ date: '2026-05-01', time: '25:00' }, ctx()), /invalid time/);
    assert.deepEqual(date.fromSimple!('2026-05-01 13:25:00'), { date: '2026-05-01', time: '13:25:00' });
  });
});

describe('monday columns: timeline', () => {
  it('round-trips {from, to} and refuses reversed ranges', () => {
    assert.deepEqual(timeline.encode({ from: '2026-01-01', to: '2026-01-31' }), { from: '2026-01-01', to: '2026-01-31' });
    const applied = timeline.apply({ from: '2026-01-01', to: '2026-01-31' }, ctx());
    assert.equal(applied.text, '2026-01-01 - 2026-01-31');
    assert.deepEqual(timeline.decode(cell(applied.value)), { from: '2026-01-01', to: '2026-01-31' });
    refuses(() => timeline.apply({ from: '2026-02-01', to: '2026-01-01' }, ctx()), /after/);
  });
});

describe('monday columns: hour', () => {
  it('round-trips {hour, minute} and refuses out-of-range values', () => {
    const applied = hour.apply(hour.encode({ hour: 9, minute: 5 }), ctx());
    assert.equal(applied.text, '09:05');
    assert.deepEqual(hour.decode(cell(applied.value)), { hour: 9, minute: 5 });
    refuses(() => hour.apply({ hour: 24, minute: 0 }, ctx()), /0-23/);
  });
});

describe('monday columns: country', () => {
  it('encodes a code with its English name and refuses unknown codes', () => {
    assert.deepEqual(country.encode('de'), { countryCode: 'DE', countryName: 'Germany' });
    const applied = country.apply({ countryCode: 'US' }, ctx());
    assert.equal(applied.text, 'United States');
    assert.equal(country.decode(cell(applied.value)), 'US');
    refuses(() => country.apply({ countryCode: 'XX' }, ctx()), /invalid country/);
  });
});

describe('monday columns: location', () => {
  it('stores lat/lng as strings like monday and decodes numbers', () => {
    const applied = location.apply(location.encode({ lat: 52.52, lng: 13.405, address: 'Berlin' }), ctx());
    assert.deepEqual(applied.value, { lat: '52.52', lng: '13.405', address: 'Berlin', changed_at: NOW });
    assert.deepEqual(location.decode(cell(applied.value)), { lat: 52.52, lng: 13.405, address: 'Berlin' });
    refuses(() => location.apply({ lat: 91, lng: 0 }, ctx()), /lat/);
  });
});
