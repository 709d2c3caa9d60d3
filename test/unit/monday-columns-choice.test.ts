import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkbox, ColumnValueError, dropdown, rating, status, tags } from '../../src/connectors/monday/columns';
import { cell, ctx, NOW } from '../helpers/monday-columns';

const STATUS = { labels: { '0': 'Working on it', '1': 'Done', '2': 'Stuck' }, done_colors: [1] };
const DROPDOWN = { labels: [{ id: 1, name: 'Cookie' }, { id: 2, name: 'Cupcake' }] };
const refuses = (fn: () => unknown, pattern: RegExp) => assert.throws(fn, (err: unknown) => err instanceof ColumnValueError && pattern.test(err.message));

describe('monday columns: status', () => {
  it('encodes {label}, decodes from text or from the index and the column labels', () => {
    assert.deepEqual(status.encode('Done'), { label: 'Done' });
    assert.equal(status.decode(cell({ index: 1, post_id: null }, 'Done')), 'Done');
    assert.equal(status.decode(cell({ index: 2 }, ''), STATUS), 'Stuck');
  });
  it('stores {index, post_id, changed_at} from a label, an index or a simple string', () => {
    assert.deepEqual(status.apply({ label: 'Done' }, ctx(STATUS)), { value: { index: 1, post_id: null, changed_at: NOW }, text: 'Done' });
    assert.equal(status.apply({ index: '2' }, ctx(STATUS)).text, 'Stuck');
    assert.equal(status.apply('Working on it', ctx(STATUS)).text, 'Working on it');
  });
  it('refuses unknown labels unless create_labels_if_missing, which adds the label to the settings', () => {
    refuses(() => status.apply({ label: 'Blocked' }, ctx(STATUS)), /possible statuses are: \{0: Working on it, 1: Done, 2: Stuck\}/);
    refuses(() => status.apply({ index: 9 }, ctx(STATUS)), /index/);
    const made = status.apply({ label: 'Blocked' }, ctx(STATUS, { createLabels: true }));
    assert.equal(made.text, 'Blocked');
    assert.deepEqual((made.settings as any).labels, { ...STATUS.labels, '3': 'Blocked' });
  });
});

describe('monday columns: dropdown', () => {
  it('encodes {labels}, decodes ids through the settings or the text', () => {
    assert.deepEqual(dropdown.encode(['Cookie']), { labels: ['Cookie'] });
    assert.deepEqual(dropdown.decode(cell({ ids: [2, 1] }, 'Cupcake, Cookie'), DROPDOWN), ['Cupcake', 'Cookie']);
    assert.deepEqual(dropdown.decode(cell({ ids: [2] }, 'Cupcake')), ['Cupcake']);
  });
  it('stores ids; refuses unknown labels and ids unless labels may be created', () => {
    assert.deepEqual(dropdown.apply({ labels: ['Cupcake'] }, ctx(DROPDOWN)), { value: { ids: [2], changed_at: NOW }, text: 'Cupcake' });
    assert.equal(dropdown.apply({ ids: [1, 2] }, ctx(DROPDOWN)).text, 'Cookie, Cupcake');
    refuses(() => dropdown.apply({ labels: ['Donut'] }, ctx(DROPDOWN)), /'Donut' does not exist/);
    refuses(() => dropdown.apply({ ids: [7] }, ctx(DROPDOWN)), /7 does not exist/);
    const made = dropdown.apply({ labels: ['Donut'] }, ctx(DROPDOWN, { createLabels: true }));
    assert.deepEqual((made.settings as any).labels.at(-1), { id: 3, name: 'Donut' });
    assert.deepEqual(dropdown.fromSimple!('Cookie, Cupcake'), { labels: ['Cookie', 'Cupcake'] });
  });
});

describe('monday columns: checkbox', () => {
  it('encodes true as {checked:"true"} and false as a clear', () => {
    assert.deepEqual(checkbox.encode(true), { checked: 'true' });
    assert.equal(checkbox.encode(false), null);
    assert.equal(checkbox.decode(cell({ checked: 'true', changed_at: NOW }, 'v')), true);
    assert.equal(checkbox.decode(cell(null)), false);
  });
  it('accepts "true"/"false"/booleans, refuses anything else', () => {
    assert.deepEqual(checkbox.apply({ checked: true }, ctx()), { value: { checked: 'true', changed_at: NOW }, text: 'v' });
    assert.deepEqual(checkbox.apply({ checked: 'false' }, ctx()), { value: null, text: '' });
    refuses(() => checkbox.apply({ checked: 'yes' }, ctx()), /checked/);
  });
});

describe('monday columns: rating', () => {
  it('encodes {rating}, decodes the number', () => {
    assert.deepEqual(rating.encode(4), { rating: 4 });
    assert.equal(rating.decode(cell({ rating: 4, changed_at: NOW }, '4')), 4);
  });
  it('refuses ratings over the column maximum', () => {
    assert.equal(rating.apply({ rating: 5 }, ctx({ max: 5 })).text, '5');
    refuses(() => rating.apply({ rating: 6 }, ctx({ max: 5 })), /0 to 5/);
  });
});

describe('monday columns: tags', () => {
  it('encodes {tag_ids}, decodes the ids', () => {
    assert.deepEqual(tags.encode([1, 2]), { tag_ids: [1, 2] });
    assert.deepEqual(tags.decode(cell({ tag_ids: [1, 2] }, 'a, b')), [1, 2]);
  });
  it('names tags through the lookups and refuses unknown ones', () => {
    const lookups = { tagName: (id: number) => ({ 1: 'hot' })[id] };
    assert.equal(tags.apply({ tag_ids: [1] }, ctx({}, { lookups })).text, 'hot');
    refuses(() => tags.apply({ tag_ids: [2] }, ctx({}, { lookups })), /tag 2/);
    refuses(() => tags.apply({ tag_ids: ['x'] }, ctx()), /numeric ids/);
  });
});
