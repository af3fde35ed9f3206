import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import * as esbuild from 'esbuild';
import {
  claimChunk,
  claimCountChunk,
  createClaims,
  currentChunk,
  MAX_CHUNKS,
  markEnough,
  needsMore,
} from '../../../src/worker/chunkClaims';

const ROOT = resolve(__dirname, '../../..');

/** Every chunk worker `w` takes, alone, until none is left. */
function drain(claims: Int32Array, workers: number, w: number): number[] {
  const got: number[] = [];
  for (let c = claimChunk(claims, workers, w); c !== -1; c = claimChunk(claims, workers, w)) got.push(c);
  return got;
}

describe('chunk claims: each worker its own region first, then the back of the fullest', () => {
  test('one worker takes every chunk in file order', () => {
    assert.deepEqual(drain(createClaims(5, 1), 1, 0), [0, 1, 2, 3, 4]);
  });

  test('a worker whose region is done takes from the back of the region with the most left', () => {
    // Regions of 10 chunks over 3 workers: [0, 3), [3, 6), [6, 10).
    const claims = createClaims(10, 3);
    assert.deepEqual(
      [0, 1, 2].map(() => claimChunk(claims, 3, 0)),
      [0, 1, 2],
    );
    assert.equal(claimChunk(claims, 3, 1), 3);
    // Worker 0 has nothing left of its own: region 2 has 4 left, region 1 has 2.
    assert.equal(claimChunk(claims, 3, 0), 9);
    assert.equal(currentChunk(claims, 0), 9);
    assert.equal(claimChunk(claims, 3, 2), 6);
    // Region 1 [4, 6) and region 2 [7, 9) tie: the first with the most is taken.
    assert.equal(claimChunk(claims, 3, 0), 5);
    assert.deepEqual(drain(claims, 3, 2), [7, 8, 4]);
    assert.equal(claimChunk(claims, 3, 1), -1);
    assert.equal(currentChunk(claims, 1), 3, 'the last chunk taken stays noted');
  });

  test('regions of chunks numbered past 32,767 (the back in the sign bit) still hand out each chunk once', () => {
    const chunks = MAX_CHUNKS;
    const claims = createClaims(chunks, 2);
    const seen = new Uint8Array(chunks);
    let taken = 0;
    for (let w = 0; ; w ^= 1) {
      const c = claimChunk(claims, 2, w);
      if (c === -1) break;
      assert.equal(seen[c], 0, `chunk ${c} taken twice`);
      seen[c] = 1;
      taken++;
    }
    assert.equal(taken, chunks);
    assert.throws(() => createClaims(MAX_CHUNKS + 1, 2), /at most 65535 chunks/);
  });

  test('token chunks are one counter for all; the limit flags start clear', () => {
    const claims = createClaims(3, 2);
    assert.deepEqual([claimCountChunk(claims, 3, 1), claimCountChunk(claims, 3, 0)], [0, 1]);
    assert.equal(currentChunk(claims, 0), 1);
    assert.equal(claimCountChunk(claims, 3, 0), 2);
    assert.equal(claimCountChunk(claims, 3, 1), -1);
    assert.ok(needsMore(claims, 'warning'));
    markEnough(claims, 'warning');
    assert.ok(!needsMore(claims, 'warning'));
    assert.ok(needsMore(claims, 'error') && needsMore(claims, 'info'));
  });

  test('four threads taking at once get every chunk exactly once', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'afc-claims-')), 'claimer.js');
    await esbuild.build({
      stdin: {
        contents: `
          import { parentPort, workerData } from 'node:worker_threads';
          import { claimChunk } from './src/worker/chunkClaims';
          const claims = new Int32Array(workerData.claims);
          // All start together: each says it is ready, then waits for the gate to open.
          const gate = new Int32Array(workerData.gate);
          parentPort.postMessage('ready');
          Atomics.wait(gate, 0, 0);
          const got = [];
          let spin = 0;
          for (let c = claimChunk(claims, workerData.workers, workerData.worker); c !== -1;
               c = claimChunk(claims, workerData.workers, workerData.worker)) {
            got.push(c);
            for (let i = 0; i < (c % 7) * 50; i++) spin += i;
          }
          parentPort.postMessage({ got, spin });`,
        resolveDir: ROOT,
        loader: 'ts',
      },
      outfile: file,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'warning',
    });
    const chunks = 20000;
    const workers = 4;
    const claims = createClaims(chunks, workers);
    const gate = new Int32Array(new SharedArrayBuffer(4));
    let ready = 0;
    const lists = await Promise.all(
      Array.from(
        { length: workers },
        (_, worker) =>
          new Promise<number[]>((done, fail) => {
            const workerData = { claims: claims.buffer, gate: gate.buffer, workers, worker };
            const w = new Worker(file, { workerData });
            w.on('message', (m: 'ready' | { got: number[] }) => {
              if (m !== 'ready') done(m.got);
              else if (++ready === workers) {
                Atomics.store(gate, 0, 1);
                Atomics.notify(gate, 0);
              }
            });
            w.once('error', fail);
          }),
      ),
    );
    const all = lists.flat().sort((a, b) => a - b);
    assert.deepEqual(
      all,
      Array.from({ length: chunks }, (_, i) => i),
    );
    assert.ok(lists.filter((got) => got.length > 0).length >= 2, 'the threads took chunks side by side');
  });
});
