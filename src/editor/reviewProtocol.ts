/**
 * The review part of the curator's message protocol (issue 4): review state, bulk actions, hand edits,
 * the record list's filter, and VS Code commands relayed to the webview. Types and pure validators only,
 * imported by both bundles through `protocol.ts`.
 */

import { isJsonObject } from '../core/record/shape';

export type ReviewStatusName = 'unreviewed' | 'approved' | 'rejected' | 'needs-fix';
export const REVIEW_STATUS_NAMES: readonly ReviewStatusName[] = [
  'unreviewed',
  'approved',
  'rejected',
  'needs-fix',
];

export interface ReviewView {
  status: ReviewStatusName;
  tags: string[];
  note: string;
}

/** Which records a review action applies to: the listed lines (1-based), or every record the filter shows. */
export type ReviewTarget = { kind: 'lines'; lines: number[] } | { kind: 'filter' };

export type ReviewOp =
  | { op: 'status'; status: ReviewStatusName }
  | { op: 'addTag'; tag: string }
  | { op: 'removeTag'; tag: string }
  | { op: 'note'; note: string };

export interface ToolParamEdit {
  name: string;
  description: string;
  required: boolean;
  type?: string;
}

export interface ToolEdit {
  name: string;
  description: string;
  params: ToolParamEdit[];
}

/** One hand edit of a record's conversation; `turn`, `at` and `to` are 0-based turn indexes. */
export type RecordEditOp =
  | { op: 'text'; turn: number; text: string }
  | { op: 'role'; turn: number; role: string }
  | { op: 'insert'; at: number; role: string; text: string }
  | { op: 'delete'; turn: number }
  | { op: 'move'; turn: number; to: number }
  /** AgentFabric records: replace the tool list and re-render the system prompt the runtime way. */
  | { op: 'tools'; tools: ToolEdit[] };

export type SeverityName = 'error' | 'warning' | 'info';

/** The record list's filter; every criterion given must hold. */
export interface RecordFilter {
  /** Any of these statuses. */
  status?: ReviewStatusName[];
  tag?: string;
  format?: string;
  /** A problem code (e.g. `A05`). */
  code?: string;
  /** Has a problem of this severity. */
  severity?: SeverityName;
  /** Declares or calls this tool. */
  tool?: string;
  /** Text in any turn: plain (case-insensitive unless `caseSensitive`) or a regular expression. */
  text?: string;
  regex?: boolean;
  caseSensitive?: boolean;
  /** The Overview's chart-bar filter in force (a `StatsFilter`), so both narrow the list together. */
  stats?: unknown;
}

/** What a VS Code command asks the curator's webview to do (the keyboard shortcuts are these commands). */
export type CuratorAction =
  | 'next'
  | 'previous'
  | 'approve'
  | 'reject'
  | 'needsFix'
  | 'unreviewed'
  | 'tag'
  | 'note'
  | 'edit'
  | 'search'
  | 'nextUnreviewed'
  | 'help';

export const CURATOR_ACTIONS: readonly CuratorAction[] = [
  'next',
  'previous',
  'approve',
  'reject',
  'needsFix',
  'unreviewed',
  'tag',
  'note',
  'edit',
  'search',
  'nextUnreviewed',
  'help',
];

export interface ReviewCountsView {
  byStatus: Record<ReviewStatusName, number>;
  /** Tags in use, most used first, with their number of records. */
  byTag: [string, number][];
  reviewed: number;
  records: number;
}

// ---- host → webview ----------------------------------------------------------------------------

export type ReviewToWebview =
  /** The record list's rows changed (a filter applied, cleared, or still running). */
  | {
      type: 'listView';
      /** Rows the list has now. */
      rowCount: number;
      /** Rows without the filter. */
      totalRows: number;
      filter: RecordFilter | null;
      /** True while a text or tool search is still reading records; `rowCount` is final when false. */
      running: boolean;
      /** 0..1 while running. */
      progress: number;
      /** Why the filter could not run (a bad regular expression). */
      error?: string;
    }
  | { type: 'reviewCounts'; counts: ReviewCountsView }
  /** These lines' rows or records changed (1-based; null: too many to list, refresh everything shown). */
  | { type: 'linesChanged'; lines: number[] | null }
  | { type: 'action'; action: CuratorAction }
  /** An edit was refused; the message says why. */
  | { type: 'editRefused'; line: number; message: string }
  /** Answer to `findNext`: the row and line found, or -1. */
  | { type: 'found'; requestId: number; row: number; line: number };

// ---- webview → host ----------------------------------------------------------------------------

export type ReviewFromWebview =
  | { type: 'review'; target: ReviewTarget; op: ReviewOp }
  | { type: 'editRecord'; line: number; op: RecordEditOp }
  | { type: 'setFilter'; filter: RecordFilter | null }
  /** The next row after `after` (a 1-based line; null: from the top) whose record is unreviewed. */
  | { type: 'findNext'; requestId: number; after: number | null };

export const REVIEW_TO_WEBVIEW_TYPES: readonly string[] = [
  'listView',
  'reviewCounts',
  'linesChanged',
  'action',
  'editRefused',
  'found',
];

/** Longest tag, note and turn text accepted from the webview (a bad message cannot exhaust the host). */
const MAX_TAG = 200;
const MAX_NOTE = 20_000;
const MAX_TEXT = 5_000_000;
const MAX_LINES = 1_000_000;
const MAX_TOOLS = 500;

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

function isLine(x: unknown): x is number {
  return isCount(x) && x >= 1;
}

function str(x: unknown, max: number): x is string {
  return typeof x === 'string' && x.length <= max;
}

function isStatus(x: unknown): x is ReviewStatusName {
  return REVIEW_STATUS_NAMES.includes(x as ReviewStatusName);
}

/** A tag as stored: trimmed, inner whitespace runs kept as one space. */
export function normaliseTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ');
}

function parseTarget(x: unknown): ReviewTarget | undefined {
  if (!isJsonObject(x)) return undefined;
  if (x.kind === 'filter') return { kind: 'filter' };
  if (x.kind !== 'lines' || !Array.isArray(x.lines) || x.lines.length > MAX_LINES) return undefined;
  if (!x.lines.every(isLine)) return undefined;
  return { kind: 'lines', lines: x.lines as number[] };
}

function parseReviewOp(x: unknown): ReviewOp | undefined {
  if (!isJsonObject(x)) return undefined;
  switch (x.op) {
    case 'status':
      return isStatus(x.status) ? { op: 'status', status: x.status } : undefined;
    case 'addTag':
    case 'removeTag': {
      if (!str(x.tag, MAX_TAG)) return undefined;
      const tag = normaliseTag(x.tag);
      return tag ? { op: x.op, tag } : undefined;
    }
    case 'note':
      return str(x.note, MAX_NOTE) ? { op: 'note', note: x.note } : undefined;
    default:
      return undefined;
  }
}

function parseTools(x: unknown): ToolEdit[] | undefined {
  if (!Array.isArray(x) || x.length > MAX_TOOLS) return undefined;
  const tools: ToolEdit[] = [];
  for (const t of x) {
    if (
      !isJsonObject(t) ||
      !str(t.name, MAX_TAG * 5) ||
      !str(t.description, MAX_NOTE) ||
      !Array.isArray(t.params)
    )
      return undefined;
    const params: ToolParamEdit[] = [];
    for (const p of t.params) {
      if (!isJsonObject(p) || !str(p.name, MAX_TAG * 5) || !str(p.description, MAX_NOTE)) return undefined;
      if (typeof p.required !== 'boolean') return undefined;
      const param: ToolParamEdit = { name: p.name, description: p.description, required: p.required };
      if (p.type !== undefined) {
        if (!str(p.type, MAX_TAG)) return undefined;
        param.type = p.type;
      }
      params.push(param);
    }
    tools.push({ name: t.name, description: t.description, params });
  }
  return tools;
}

export function parseRecordEditOp(x: unknown): RecordEditOp | undefined {
  if (!isJsonObject(x)) return undefined;
  switch (x.op) {
    case 'text':
      return isCount(x.turn) && str(x.text, MAX_TEXT)
        ? { op: 'text', turn: x.turn, text: x.text }
        : undefined;
    case 'role':
      return isCount(x.turn) && str(x.role, MAX_TAG) && x.role.trim() !== ''
        ? { op: 'role', turn: x.turn, role: x.role.trim() }
        : undefined;
    case 'insert':
      return isCount(x.at) && str(x.role, MAX_TAG) && x.role.trim() !== '' && str(x.text, MAX_TEXT)
        ? { op: 'insert', at: x.at, role: x.role.trim(), text: x.text }
        : undefined;
    case 'delete':
      return isCount(x.turn) ? { op: 'delete', turn: x.turn } : undefined;
    case 'move':
      return isCount(x.turn) && isCount(x.to) ? { op: 'move', turn: x.turn, to: x.to } : undefined;
    case 'tools': {
      const tools = parseTools(x.tools);
      return tools ? { op: 'tools', tools } : undefined;
    }
    default:
      return undefined;
  }
}

export function parseRecordFilter(x: unknown): RecordFilter | null | undefined {
  if (x === null) return null;
  if (!isJsonObject(x)) return undefined;
  const f: RecordFilter = {};
  if (x.status !== undefined) {
    if (!Array.isArray(x.status) || !x.status.every(isStatus)) return undefined;
    if (x.status.length > 0) f.status = [...new Set(x.status as ReviewStatusName[])];
  }
  for (const key of ['tag', 'format', 'code', 'tool', 'text'] as const) {
    const v = x[key];
    if (v === undefined) continue;
    if (!str(v, MAX_NOTE)) return undefined;
    if (v !== '') f[key] = v;
  }
  if (x.severity !== undefined) {
    if (x.severity !== 'error' && x.severity !== 'warning' && x.severity !== 'info') return undefined;
    f.severity = x.severity;
  }
  if (x.stats !== undefined && x.stats !== null) {
    if (!isJsonObject(x.stats)) return undefined;
    f.stats = x.stats;
  }
  if (x.regex === true) f.regex = true;
  if (x.caseSensitive === true) f.caseSensitive = true;
  return f;
}

/** Narrows a review message from the webview; undefined for anything malformed or not a review message. */
export function parseReviewFromWebview(raw: Record<string, unknown>): ReviewFromWebview | undefined {
  switch (raw.type) {
    case 'review': {
      const target = parseTarget(raw.target);
      const op = parseReviewOp(raw.op);
      return target && op ? { type: 'review', target, op } : undefined;
    }
    case 'editRecord': {
      const op = parseRecordEditOp(raw.op);
      return isLine(raw.line) && op ? { type: 'editRecord', line: raw.line, op } : undefined;
    }
    case 'setFilter': {
      const filter = parseRecordFilter(raw.filter);
      return filter === undefined ? undefined : { type: 'setFilter', filter };
    }
    case 'findNext':
      if (!isCount(raw.requestId) || (raw.after !== null && !isLine(raw.after))) return undefined;
      return { type: 'findNext', requestId: raw.requestId, after: raw.after as number | null };
    default:
      return undefined;
  }
}

/** True when a filter selects anything less than every row. */
export function isActiveFilter(f: RecordFilter | null | undefined): f is RecordFilter {
  if (!f) return false;
  return Boolean(
    (f.status && f.status.length > 0) ||
      f.tag ||
      f.format ||
      f.code ||
      f.severity ||
      f.tool ||
      f.text ||
      f.stats,
  );
}
