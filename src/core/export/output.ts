import { type JsonObject, toQueryResponse } from '../record/shape';
import type { Shape, Turn } from '../types';

/**
 * The object written for one record: its `id` when kept (first, as written: string or number), then
 * only the conversation in the chosen shape of spec §5. Nothing else of the input goes out: not the
 * review state (`_review`), not unknown keys; so every line has the same keys, and files that are
 * trained together load as one table.
 */
export function outputRecord(turns: readonly Turn[], shape: Shape, id: unknown): JsonObject {
  const out: JsonObject = {};
  if (typeof id === 'string' || typeof id === 'number') out.id = id;
  switch (shape) {
    case 'conversations':
      out.conversations = turns.map((t) => ({ from: t.role, value: t.text }));
      return out;
    case 'messages':
      out.messages = turns.map((t) => ({ role: t.role, content: t.text }));
      return out;
    case 'query-response':
      return Object.assign(out, toQueryResponse(turns as Turn[]));
  }
}
