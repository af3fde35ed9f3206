import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linesOfBuffer } from '../../../src/core/jsonl/readLines';
import { type AnalyzedLine, FileAnalyzer } from '../../../src/core/pipeline/fileAnalyzer';
import { generateCorpusWithTruth } from '../../fixtures/generate';

const EXPECTED_CODE: Record<string, string> = {
  'no-conversations': 'R01',
  truncated: 'J02',
  blank: 'J03',
  'not-json': 'J01',
};

test('every line of a corpus full of anomalies is a record or a reported problem, never dropped', () => {
  const generated = [...generateCorpusWithTruth({ records: 1500, seed: 'pipeline', anomalies: true })];
  const buf = Buffer.from(generated.map((g) => g.text).join('\n'), 'utf8');
  const analyzer = new FileAnalyzer({ check: true });
  const results: AnalyzedLine[] = [];
  for (const ev of linesOfBuffer(buf)) {
    if (ev.type === 'bom') analyzer.noteBom();
    else if (ev.type === 'line') results.push(analyzer.line(ev));
  }
  assert.equal(results.length, generated.length, 'one result per physical line');
  const kinds = new Set<string>();
  for (let i = 0; i < generated.length; i++) {
    const g = generated[i];
    const r = results[i];
    kinds.add(g.kind);
    assert.equal(r.line, i + 1);
    if (g.kind === 'record') {
      assert.equal(r.kind, 'record', `line ${i + 1} is a record`);
      assert.equal(r.record?.format, 'ms_agent');
      assert.equal(r.record?.turns.length, 1 + 2 * (g.truth?.rounds ?? 0));
      if (g.duplicateId)
        assert.ok(
          r.diagnostics.some((d) => d.code === 'J09'),
          `line ${i + 1} duplicate id`,
        );
    } else {
      assert.ok(
        r.diagnostics.some((d) => d.code === EXPECTED_CODE[g.kind]),
        `line ${i + 1} (${g.kind}) reported`,
      );
    }
    for (const d of r.diagnostics) {
      assert.equal(d.line, i + 1);
      assert.ok(d.message.length > 0 && d.messageZh.length > 0);
      if (d.column !== undefined) assert.ok(d.column >= 1 && d.column <= buf.length);
    }
  }
  assert.deepEqual([...kinds].sort(), ['blank', 'no-conversations', 'not-json', 'record', 'truncated']);
  const fileLevel = analyzer.finish().map((d) => d.code);
  assert.ok(fileLevel.includes('J04'), 'BOM reported');
  assert.ok(fileLevel.includes('J05'), 'CRLF reported');
});

test('diagnostics that point into a turn get the exact column range on the raw line', () => {
  const sys =
    'Answer the following questions as best you can. You have access to the following APIs:\n1. t: Call this tool to interact with the t API. What is the t API useful for? Query "x". Parameters: [{"name": "a\\b", "description": "d", "required": "True"}, {"name": "b", "description": "e", "required": "False"}]\n\nUse the following format:\n\nBegin!';
  const line = JSON.stringify({
    id: 'r',
    conversations: [
      { from: 'system', value: sys },
      { from: 'user', value: '问' },
      { from: 'assistant', value: '答' },
    ],
  });
  const analyzer = new FileAnalyzer({ check: true });
  const r = analyzer.line({ line: 1, bytes: Buffer.from(line), crlf: false, unterminated: false });
  const placed = r.diagnostics.filter((d) => d.span && d.column !== undefined);
  assert.ok(placed.length > 0, 'some diagnostics have spans');
  for (const d of placed) {
    const span = d.span!;
    const want = r.record!.turns[span.turn].text.slice(span.start, span.end);
    const raw = line.slice(d.column! - 1, d.column! - 1 + d.length!);
    assert.equal(JSON.parse(`"${raw}"`), want, `${d.code} underlines exactly its text`);
  }
});
