/**
 * Runs CPython once over a batch of inputs and returns what `ast.literal_eval` / `json.loads` and then
 * `json.dumps(..., ensure_ascii=True/False)` produced. Data travels as ASCII JSON both ways, so lone
 * surrogates survive the trip.
 */

import { spawnSync } from 'node:child_process';

export interface DumpsOutcome {
  /** null when json.dumps raised. */
  ascii: string | null;
  unicode: string | null;
  asciiError?: string;
  unicodeError?: string;
}

export type LiteralOutcome = ({ ok: true; ellipsis: boolean } & DumpsOutcome) | { ok: false; error: string };

export type JsonOutcome = ({ ok: true } & DumpsOutcome) | { ok: false; message: string; pos: number | null };

export interface OracleAnswer {
  version: [number, number];
  literals: LiteralOutcome[];
  jsons: JsonOutcome[];
}

const SCRIPT = `
import ast, json, sys, warnings
warnings.simplefilter('ignore')
data = json.loads(sys.stdin.read())

def has_ellipsis(v):
    if v is Ellipsis:
        return True
    if isinstance(v, (list, tuple, set, frozenset)):
        return any(has_ellipsis(x) for x in v)
    if isinstance(v, dict):
        return any(has_ellipsis(k) or has_ellipsis(x) for k, x in v.items())
    return False

def dumps_both(v, out):
    for key, ensure in (('ascii', True), ('unicode', False)):
        try:
            out[key] = json.dumps(v, ensure_ascii=ensure)
        except Exception as e:
            out[key] = None
            out[key + 'Error'] = type(e).__name__ + ': ' + str(e)
    return out

literals = []
for s in data['literals']:
    try:
        v = ast.literal_eval(s)
    except Exception as e:
        literals.append({'ok': False, 'error': type(e).__name__ + ': ' + str(e)})
        continue
    literals.append(dumps_both(v, {'ok': True, 'ellipsis': has_ellipsis(v)}))

jsons = []
for s in data['jsons']:
    try:
        v = json.loads(s)
    except json.JSONDecodeError as e:
        jsons.append({'ok': False, 'message': str(e), 'pos': e.pos})
        continue
    except Exception as e:
        jsons.append({'ok': False, 'message': type(e).__name__ + ': ' + str(e), 'pos': None})
        continue
    jsons.append(dumps_both(v, {'ok': True}))

sys.stdout.write(json.dumps({'version': list(sys.version_info[:2]), 'literals': literals, 'jsons': jsons}))
`;

export function pythonAvailable(): boolean {
  const probe = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[0])'], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.trim() === '3';
}

export function askPython(literals: string[], jsons: string[]): OracleAnswer {
  const run = spawnSync('python3', ['-c', SCRIPT], {
    input: JSON.stringify({ literals, jsons }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`python3 failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as OracleAnswer;
}
