import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EditLog } from '../../../src/editor/model/editLog';

const e = (label: string) => ({ label });

test('the edit log tracks undo, redo and the save point', () => {
  const log = new EditLog<{ label: string }>();
  assert.equal(log.isDirty, false);
  log.push(e('a'));
  log.push(e('b'));
  assert.equal(log.isDirty, true);
  log.markSaved();
  assert.equal(log.isDirty, false);
  assert.equal(log.undo()?.label, 'b');
  assert.equal(log.isDirty, true);
  assert.equal(log.redo()?.label, 'b');
  assert.equal(log.isDirty, false);
  assert.deepEqual(
    log.applied.map((x) => x.label),
    ['a', 'b'],
  );
});

test('a new edit after undo drops the redo history and a save point inside it', () => {
  const log = new EditLog<{ label: string }>();
  log.push(e('a'));
  log.push(e('b'));
  log.markSaved();
  log.undo();
  log.push(e('c'));
  assert.equal(log.redo(), undefined);
  log.undo();
  // Back at ['a'], which is not what was saved (['a', 'b']).
  assert.equal(log.isDirty, true);
});

test('clear forgets everything', () => {
  const log = new EditLog<{ label: string }>();
  log.push(e('a'));
  log.clear();
  assert.equal(log.isDirty, false);
  assert.equal(log.undo(), undefined);
});
