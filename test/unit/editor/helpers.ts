import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildLineIndex } from '../../../src/core/jsonl/lineIndex';
import { runCheckPass } from '../../../src/editor/model/checkPass';
import { CuratorModel } from '../../../src/editor/model/curatorModel';

const SHARED = fileURLToPath(new URL('../../../../shared/', import.meta.url));

/** The two published ms_agent records of ../shared/examples, one JSON text per entry. */
export const SAMPLE_LINES: string[] = readFileSync(`${SHARED}examples/ms_agent_sample.jsonl`, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');

export const SAMPLE_IDS: string[] = SAMPLE_LINES.map((l) => String((JSON.parse(l) as { id: unknown }).id));

export function modelOf(content: string | Buffer, name = 'data.jsonl'): CuratorModel {
  return new CuratorModel(name, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
}

/** Runs the worker's pass in-process and feeds the model, as the document does with the worker's batches. */
export function checked(model: CuratorModel, opts: { batchLines?: number; problemLimit?: number } = {}) {
  return runCheckPass(model.bytes, buildLineIndex(model.bytes), {
    ...opts,
    onBatch: (batch) => model.summaries.apply(batch),
  });
}

/** A chat record with the given id: the smallest valid record. */
export function chat(id: string, user = 'hi', assistant = 'hello'): string {
  return JSON.stringify({
    id,
    conversations: [
      { from: 'user', value: user },
      { from: 'assistant', value: assistant },
    ],
  });
}
