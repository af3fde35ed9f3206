import type { TextSpan } from '../types';

export type Severity = 'error' | 'warning' | 'info';

/** Values substituted into a code's message templates. */
export type Params = Record<string, string | number>;

/**
 * A problem found by a core function, before it is tied to a file position. Core functions return
 * findings as values; the pipeline turns them into {@link Diagnostic}s with the record's line.
 */
export interface Finding {
  code: string;
  params?: Params;
  span?: TextSpan;
  /** A position on the raw line itself (0-based UTF-16 offset), for problems found before the record was parsed. */
  at?: { offset: number; length: number };
  /** Structured detail a UI can show (e.g. the tools that vanished, produced vs expected text). */
  data?: Record<string, unknown>;
}

/** A finding placed in a file: what the CLI prints, the editor lists and the Problems panel shows. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  /** English message. */
  message: string;
  /** Simplified Chinese message. */
  messageZh: string;
  /** 1-based physical line of the record in the file. */
  line: number;
  /** 1-based column in that physical line, when the problem has a precise position. */
  column?: number;
  /** Length in characters from `column`, when known. */
  length?: number;
  span?: TextSpan;
  data?: Record<string, unknown>;
}

/**
 * What statistics and summaries read of a diagnostic: no messages. The editor's check pass makes these
 * for every finding and renders messages only for the diagnostics it keeps for the Problems panel.
 */
export type DiagnosticFacts = Pick<Diagnostic, 'code' | 'severity' | 'span' | 'data'>;

/** The definition of one stable diagnostic code; docs/diagnostics.md is generated from these. */
export interface CodeDef {
  code: string;
  severity: Severity;
  /** A short name, e.g. "invalid-json". */
  title: string;
  en: (p: Params) => string;
  zh: (p: Params) => string;
  /** How to fix it, in English and Chinese. */
  fix: string;
  fixZh: string;
  /** A short example input that triggers it (for the docs). */
  example: string;
}
