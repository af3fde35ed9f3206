/**
 * The statistics of whole generated corpora against the generator's ground truth: every per-record
 * histogram must equal the truth exactly, problems must equal what `check` tallies, and the seed's losses
 * must equal what the seed's own trace leaves out.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProblemTally, scanFile } from '../../../src/core/pipeline/scanFile';
import { seedProcessSystem } from '../../../src/core/seed/processSystem';
import { computeFileStats } from '../../../src/core/stats/fileStats';
import type { GeneratedLine } from '../../fixtures/generate';
import { charCounter, corpusFile, histogram } from './helpers';

interface Rec {
  conversations: { from: string; value: string }[];
}

function records(lines: GeneratedLine[]) {
  return lines
    .filter((l) => l.kind === 'record')
    .map((l) => ({
      truth: l.truth!,
      rec: JSON.parse(l.text.replace(/^\ufeff/, '').replace(/\r$/, '')) as Rec,
    }));
}

for (const anomalies of [false, true]) {
  describe(`stats of a generated corpus${anomalies ? ' with anomalies' : ''}`, async () => {
    const { path, lines } = corpusFile(`corpus-${anomalies}.jsonl`, {
      records: 600,
      seed: 20240607,
      anomalies,
    });
    const recs = records(lines);
    const stats = await computeFileStats(path, { counter: charCounter, maxLength: 2048 });
    const s = stats.summary;

    test('counts lines and records as the generator wrote them', () => {
      assert.equal(stats.lines, lines.length);
      assert.equal(s.lines.records, recs.length);
      assert.equal(s.lines.blank, lines.filter((l) => l.kind === 'blank').length);
      assert.equal(s.lines.invalid, lines.length - recs.length - s.lines.blank);
      assert.deepEqual(
        s.formats.map((f) => [f.name, f.records]),
        [['ms_agent', recs.length]],
      );
    });

    test('tools, calls, turns and rounds per record equal the truth exactly', () => {
      assert.deepEqual(s.tools.values, histogram(recs.map((r) => r.truth.tools.length)));
      assert.deepEqual(s.calls.values, histogram(recs.map((r) => r.truth.calls)));
      assert.deepEqual(s.turns.values, histogram(recs.map((r) => 1 + 2 * r.truth.rounds)));
      assert.deepEqual(s.rounds.values, histogram(recs.map((r) => r.truth.rounds)));
      assert.equal(
        s.calls.total,
        recs.reduce((n, r) => n + r.truth.calls, 0),
      );
      // The bars add up to the records, whatever their grouping.
      for (const d of [s.tools, s.calls, s.turns, s.rounds, s.tokens]) {
        assert.equal(
          d.buckets.reduce((n, b) => n + b.count, 0),
          recs.length,
          d.feature,
        );
      }
    });

    test('tokens: exact min, median, max and the count over max_length', () => {
      const tokens = recs
        .map((r) => r.rec.conversations.reduce((n, c) => n + c.value.length, 0))
        .sort((a, b) => a - b);
      const mid = tokens.length / 2;
      const median = tokens.length % 2 ? tokens[Math.floor(mid)] : (tokens[mid - 1] + tokens[mid]) / 2;
      assert.equal(s.tokens.min, tokens[0]);
      assert.equal(s.tokens.max, tokens[tokens.length - 1]);
      assert.equal(s.tokens.median, median);
      assert.equal(s.tokens.overMaxLength, tokens.filter((t) => t > 2048).length);
      assert.ok(s.tokens.overMaxLength > 0, 'the corpus has records over 2048 characters');
      assert.equal(s.tokens.exact, true);
      const beyond = s.tokens.buckets.slice(s.tokens.lineAfter + 1);
      assert.equal(
        beyond.reduce((n, b) => n + b.count, 0),
        s.tokens.overMaxLength,
        'the bars right of the line hold exactly the records over max_length',
      );
      assert.equal(s.tokens.buckets[s.tokens.lineAfter].max, 2048);
    });

    test('the most called tools equal the truth of the traces', () => {
      const calls = new Map<string, number>();
      for (const { rec } of recs) {
        for (const c of rec.conversations) {
          if (c.from !== 'assistant') continue;
          for (const m of c.value.matchAll(/^Action: (.*)$/gm)) calls.set(m[1], (calls.get(m[1]) ?? 0) + 1);
        }
      }
      const expected = [...calls].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 20);
      assert.deepEqual(
        s.topTools.map((t) => [t.name, t.calls]),
        expected,
      );
      assert.equal(s.calledToolNames, calls.size);
    });

    test('problems by code and severity equal what check tallies', async () => {
      const tally = new ProblemTally();
      await scanFile(
        path,
        { check: true },
        (l) => {
          for (const d of l.diagnostics) tally.add(d);
        },
        (d) => tally.add(d),
      );
      assert.deepEqual(
        Object.fromEntries(s.problems.byCode.map((c) => [c.code, c.diagnostics])),
        tally.byCode,
      );
      assert.deepEqual(
        Object.fromEntries(s.problems.bySeverity.map((x) => [x.severity, x.diagnostics])),
        tally.bySeverity,
      );
      assert.ok(s.problems.byCode.length > 3);
    });

    test("seed losses equal what the seed's own trace leaves out", () => {
      let raises = 0;
      let toolsLost = 0;
      let paramsLost = 0;
      for (const { truth, rec } of recs) {
        const res = seedProcessSystem(rec.conversations[0].value);
        if (!res.ok) {
          raises++;
          continue;
        }
        const byName = new Map(res.trace.apis.map((a) => [a.funcName, a]));
        for (const tool of truth.tools) {
          const chunk = byName.get(tool.name);
          if (!chunk) {
            toolsLost++;
            paramsLost += tool.params.length;
            continue;
          }
          // The seed keeps at most one parameter, and only when it is the tool's own first one.
          const kept = chunk.params[0]?.name === tool.params[0]?.name && tool.params.length > 0 ? 1 : 0;
          paramsLost += tool.params.length - kept;
        }
      }
      assert.equal(s.seed.raises, raises);
      assert.equal(s.seed.toolsLost, toolsLost);
      assert.equal(s.seed.paramsLost, paramsLost);
      assert.ok(toolsLost > 0 && paramsLost > 0 && raises > 0, 'the corpus exercises S1, S2/S3 and S4');
      const s2 = s.seed.codes.find((c) => c.code === 'S2');
      assert.equal(s.seed.codes.length, 11);
      assert.ok(s2 && s2.diagnostics > 0);
    });

    test('review: every record of a fresh corpus is unreviewed', () => {
      assert.deepEqual(
        s.review.byStatus.map((x) => [x.name, x.records]),
        [
          ['unreviewed', recs.length],
          ['approved', 0],
          ['rejected', 0],
          ['needs-fix', 0],
        ],
      );
      assert.equal(s.review.reviewed, 0);
    });
  });
}
