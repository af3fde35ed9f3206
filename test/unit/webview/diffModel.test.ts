import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffTexts, joinSegments, pairTurns } from '../../../webview/diffModel';

describe('the Original | Converted diff view-model', () => {
  test('each side puts its own text back together exactly', () => {
    const a =
      "Thought: I now know\nAction: hm\nAction Input: {'k': 'v'}\nObservation: ok\nFinal Answer: 你好";
    const b = 'Action: hm\nAction Input: {"k": "v"}\nObservation: <result>ok</result>\nAnswer: 你好';
    const { left, right } = diffTexts(a, b);
    assert.equal(joinSegments(left), a);
    assert.equal(joinSegments(right), b);
    assert.ok(left.every((s) => s.kind !== 'added'));
    assert.ok(right.every((s) => s.kind !== 'removed'));
  });

  test('only what changed is marked, word by word inside a changed line', () => {
    const { left, right } = diffTexts(
      "Action Input: {'k': 1}\nsame line\n",
      'Action Input: {"k": 1}\nsame line\n',
    );
    assert.ok(left.some((s) => s.kind === 'removed' && s.text.includes("'")));
    assert.ok(right.some((s) => s.kind === 'added' && s.text.includes('"')));
    assert.ok(left.some((s) => s.kind === 'same' && s.text.includes('Action Input')));
    assert.ok(right.some((s) => s.kind === 'same' && s.text.includes('same line')));
  });

  test('identical texts are one unmarked segment', () => {
    assert.deepEqual(diffTexts('x\ny', 'x\ny'), {
      left: [{ text: 'x\ny', kind: 'same' }],
      right: [{ text: 'x\ny', kind: 'same' }],
    });
  });

  test('adjacent segments of one kind are merged', () => {
    const { left } = diffTexts('a b c d', 'a x y d');
    for (let i = 1; i < left.length; i++) assert.notEqual(left[i].kind, left[i - 1].kind);
  });

  test('a CJK insertion is marked without swallowing the unchanged text around it', () => {
    const { right } = diffTexts('你好，请问有哪些手机？', '(。你可以使用工具：[a])你好，请问有哪些手机？');
    const added = right
      .filter((s) => s.kind === 'added')
      .map((s) => s.text)
      .join('');
    assert.ok(added.includes('你可以使用工具'));
    assert.ok(!added.includes('手机'));
  });

  test('turns are paired by position; extra turns on one side are added or removed', () => {
    const pairs = pairTurns(
      [
        { role: 'system', text: 's' },
        { role: 'user', text: 'u' },
      ],
      [
        { role: 'system', text: 's2' },
        { role: 'user', text: 'u' },
        { role: 'assistant', text: 'a' },
      ],
    );
    assert.deepEqual(
      pairs.map((p) => p.status),
      ['changed', 'same', 'added'],
    );
    assert.equal(pairs[2].leftRole, undefined);
    assert.equal(pairs[2].rightRole, 'assistant');
    assert.deepEqual(pairs[2].right, [{ text: 'a', kind: 'added' }]);
  });

  test('a huge changed block is marked whole rather than diffed word by word', () => {
    const a = 'x '.repeat(20_000);
    const b = 'y '.repeat(20_000);
    const { left, right } = diffTexts(a, b);
    assert.deepEqual(left, [{ text: a, kind: 'removed' }]);
    assert.deepEqual(right, [{ text: b, kind: 'added' }]);
  });
});
