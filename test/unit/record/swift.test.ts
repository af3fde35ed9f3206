import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSwiftRoles } from '../../../src/core/swift/checks';

const t = (...roles: string[]) => roles.map((role) => ({ role, text: 'x' }));

test('system first then alternating user/assistant ending with assistant is accepted', () => {
  assert.deepEqual(checkSwiftRoles(t('system', 'user', 'assistant', 'user', 'assistant')), []);
  assert.deepEqual(checkSwiftRoles(t('user', 'assistant')), []);
});

test('each violation has its own code', () => {
  assert.equal(checkSwiftRoles(t('user', 'system', 'assistant'))[0].code, 'W01');
  assert.equal(checkSwiftRoles(t('system', 'user', 'user', 'assistant'))[0].code, 'W02');
  assert.equal(checkSwiftRoles(t('system', 'user', 'assistant', 'user'))[0].code, 'W03');
  assert.equal(checkSwiftRoles(t('system'))[0].code, 'W04');
  assert.equal(checkSwiftRoles([])[0].code, 'W04');
  assert.equal(checkSwiftRoles(t('system', 'assistant'))[0].params?.expected, 'user');
});
