/**
 * The one message protocol between the curator's extension host side and its webview. Imported by both
 * bundles (host: node, webview: browser), so it holds types and tiny pure helpers only — no `vscode`,
 * no DOM, no core engine code.
 *
 * Requests that expect an answer carry a `requestId`; the answer carries the same id. Everything else is
 * an event. The host validates every incoming message with {@link parseFromWebview} before acting on it.
 */

import { isJsonObject } from '../core/record/shape';
import type { StatsFilter } from '../core/stats/filters';
import type { StatsSummary } from '../core/stats/summary';
import {
  parseReviewFromWebview,
  REVIEW_TO_WEBVIEW_TYPES,
  type ReviewFromWebview,
  type ReviewToWebview,
  type ReviewView,
} from './reviewProtocol';

export type Profile = 'agentfabric' | 'seed';
export type Severity = 'error' | 'warning' | 'info';
export type Language = 'en' | 'zh';
/** Review status placeholder until issue 4 brings review state. */
export type ReviewStatus = 'unreviewed' | 'approved' | 'rejected' | 'needs-fix';
export type RowKind = 'record' | 'invalid';

/** A file the curator cannot show as records: a clear message instead of garbage. */
export interface FileError {
  kind: 'binary' | 'utf16' | 'not-utf8' | 'unreadable';
  message: string;
  detail: string;
}

/** One row of the record list: a record or a line that should have been one. */
export interface RowSummary {
  /** 1-based physical line. */
  line: number;
  kind: RowKind;
  id?: string;
  /** Format label for the badge (record rows). */
  format?: string;
  /** Problem counts; undefined until the check pass has reached this line. */
  counts?: { error: number; warning: number; info: number };
  /** Distinct problem codes on the line, most severe first (after the check pass). */
  codes?: string[];
  review: ReviewStatus;
  /** Review tags, when the record has any. */
  tags?: string[];
  /** The record has a review note. */
  note?: boolean;
  /** The record's conversation was edited and not saved yet. */
  edited?: boolean;
  /** The record (review or conversation) has unsaved changes. */
  unsaved?: boolean;
  /** For invalid rows: why the line is not a record, with the column. */
  message?: string;
}

export interface CheckStatus {
  state: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  /** 0..1 while running. */
  progress: number;
  lines: number;
  records: number;
  counts: { error: number; warning: number; info: number };
  /** Set when the pass failed. */
  message?: string;
}

/** A problem shown in the webview (record view or the file's problem list). */
export interface ProblemView {
  code: string;
  severity: Severity;
  title: string;
  /** In the UI language. */
  message: string;
  fix: string;
  line: number;
  column?: number;
  /** Turn index the problem points into, when it has a span. */
  turn?: number;
  start?: number;
  end?: number;
  /** Seed artefacts: what the seed script produced and what the runtime expects. */
  produced?: string;
  expected?: string;
  /** Which step found it: reading/checking the record, or converting it to the chosen profile. */
  source: 'check' | 'conversion';
}

export interface TurnView {
  role: string;
  text: string;
}

export interface ToolParamView {
  name: string;
  description: string;
  required: boolean;
  type?: string;
}

export interface ToolView {
  number: number;
  name: string;
  description: string;
  params: ToolParamView[];
}

export type ConvertedView =
  | { ok: true; turns: TurnView[]; unchanged: boolean }
  | { ok: false; reason: string };

export interface RecordDetail {
  line: number;
  kind: RowKind | 'blank';
  id?: string;
  format?: string;
  shape?: string;
  turns: TurnView[];
  converted?: ConvertedView;
  profile: Profile;
  tools: ToolView[];
  problems: ProblemView[];
  /** For a line that is not a record: an excerpt of its text around the error. */
  rawExcerpt?: string;
  /** The record's review state as it is now (saved or not). */
  review?: ReviewView;
  /** The conversation was edited and not saved yet. */
  edited?: boolean;
  /** The tools table can be edited (AgentFabric records whose prompt follows the template). */
  toolsEditable?: boolean;
}

export interface FileInfo {
  fileName: string;
  byteLength: number;
  lineCount: number;
  rowCount: number;
  error?: FileError;
}

// ---- host → webview ----------------------------------------------------------------------------

export type ToWebview =
  /** The UI language is the page's `lang` (curatorHtml): a change of language draws the page again. */
  | { type: 'init'; file: FileInfo; profile: Profile; status: CheckStatus }
  | { type: 'rows'; requestId: number; start: number; rows: RowSummary[] }
  | { type: 'record'; requestId: number; detail: RecordDetail | null }
  /** The row showing a line (or the next row after it); -1 when there is none. */
  | { type: 'located'; requestId: number; row: number }
  | { type: 'status'; status: CheckStatus }
  | { type: 'problems'; problems: ProblemView[]; total: number }
  /** The file changed on disk and was reloaded: drop every cached row and ask again. */
  | { type: 'reset'; file: FileInfo }
  /** Show this record (Problems panel, Go to Line/Record). */
  | { type: 'reveal'; line: number }
  | { type: 'profile'; profile: Profile }
  | OverviewToWebview
  | ReviewToWebview;

// ---- webview → host ----------------------------------------------------------------------------

export type HostCommand = 'compare' | 'openAsText' | 'goTo';

export type FromWebview =
  | { type: 'ready' }
  | { type: 'getRows'; requestId: number; start: number; count: number }
  | { type: 'getRecord'; requestId: number; line: number; profile: Profile }
  | { type: 'locate'; requestId: number; line: number }
  | { type: 'selected'; line: number | null }
  | { type: 'setProfile'; profile: Profile }
  | { type: 'command'; command: HostCommand; line?: number }
  | OverviewFromWebview
  | ReviewFromWebview;

/** Rows per `getRows` request: a page. */
export const PAGE_SIZE = 200;
/** Most rows one request may ask for, so a bad message cannot make the host build a huge array. */
export const MAX_ROWS_PER_REQUEST = 2000;

const PROFILES: readonly string[] = ['agentfabric', 'seed'];
const COMMANDS: readonly string[] = ['compare', 'openAsText', 'goTo'];

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

/**
 * Narrows a message from the webview (a parse boundary: the webview is untrusted input as far as the
 * host is concerned). Returns undefined for anything malformed.
 */
export function parseFromWebview(raw: unknown): FromWebview | undefined {
  if (!isJsonObject(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'getRows':
      if (!isCount(raw.requestId) || !isCount(raw.start) || !isCount(raw.count)) return undefined;
      return {
        type: 'getRows',
        requestId: raw.requestId,
        start: raw.start,
        count: Math.min(raw.count, MAX_ROWS_PER_REQUEST),
      };
    case 'getRecord':
      if (!isCount(raw.requestId) || !isCount(raw.line) || !PROFILES.includes(raw.profile as string))
        return undefined;
      return { type: 'getRecord', requestId: raw.requestId, line: raw.line, profile: raw.profile as Profile };
    case 'locate':
      if (!isCount(raw.requestId) || !isCount(raw.line)) return undefined;
      return { type: 'locate', requestId: raw.requestId, line: raw.line };
    case 'selected':
      if (raw.line !== null && !isCount(raw.line)) return undefined;
      return { type: 'selected', line: raw.line as number | null };
    case 'setProfile':
      if (!PROFILES.includes(raw.profile as string)) return undefined;
      return { type: 'setProfile', profile: raw.profile as Profile };
    case 'command':
      if (!COMMANDS.includes(raw.command as string)) return undefined;
      if (raw.line !== undefined && !isCount(raw.line)) return undefined;
      return raw.line === undefined
        ? { type: 'command', command: raw.command as HostCommand }
        : { type: 'command', command: raw.command as HostCommand, line: raw.line as number };
    default:
      return parseOverviewFromWebview(raw) ?? parseReviewFromWebview(raw);
  }
}

const TO_WEBVIEW_TYPES: readonly string[] = [
  'init',
  'rows',
  'record',
  'located',
  'status',
  'problems',
  'reset',
  'reveal',
  'profile',
];

/** The webview trusts its host, but a message from something else on the page must not be acted on. */
export function isToWebview(raw: unknown): raw is ToWebview {
  return (
    isJsonObject(raw) &&
    typeof raw.type === 'string' &&
    (TO_WEBVIEW_TYPES.includes(raw.type) ||
      OVERVIEW_TO_WEBVIEW_TYPES.includes(raw.type) ||
      REVIEW_TO_WEBVIEW_TYPES.includes(raw.type))
  );
}

/** The status line text pieces, shared so host notifications and the webview say the same thing. */
export function emptyStatus(): CheckStatus {
  return { state: 'idle', progress: 0, lines: 0, records: 0, counts: { error: 0, warning: 0, info: 0 } };
}

// ---- overview and export (issues 7 and 5) --------------------------------------------------------
// Kept apart from the list's own filters: `filterLines` narrows the record list to the lines a chart bar
// stands for, and the list's text/status filters can later be combined with it on the host.

/** Host → webview: the overview's figures, and the record list narrowed to a chart bar's lines. */
export type OverviewToWebview =
  | {
      type: 'stats';
      summary: StatsSummary;
      /** False while the check pass is still adding lines. */
      complete: boolean;
      /** Why the configured `qwen.tiktoken` could not be used (the counts are an estimate). */
      tokenizerError?: string;
    }
  | {
      type: 'filterLines';
      /** The filter in force, or null when the list shows every row again. */
      filter: StatsFilter | null;
      /** What the filter selects, in words ("tokens 512–767"). */
      label: string;
      /** Rows the list now has. */
      rowCount: number;
      /** Rows without the filter. */
      totalRows: number;
    };

/**
 * Webview → host: a bar was clicked (or the filter cleared); the Export button. A `statsFilter`'s
 * filter is untrusted here; the host validates it with `parseFilter` before use.
 */
export type OverviewFromWebview =
  | { type: 'statsFilter'; filter: unknown }
  | { type: 'clearStatsFilter' }
  | { type: 'exportDataset' };

const OVERVIEW_TO_WEBVIEW_TYPES: readonly string[] = ['stats', 'filterLines'];

function parseOverviewFromWebview(raw: Record<string, unknown>): OverviewFromWebview | undefined {
  switch (raw.type) {
    case 'statsFilter':
      return isJsonObject(raw.filter) ? { type: 'statsFilter', filter: raw.filter } : undefined;
    case 'clearStatsFilter':
      return { type: 'clearStatsFilter' };
    case 'exportDataset':
      return { type: 'exportDataset' };
    default:
      return undefined;
  }
}
