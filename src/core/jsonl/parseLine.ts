import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';
import type { Finding } from '../diagnostics/types';

export type JsonLineResult = { ok: true; value: unknown } | { ok: false; finding: Finding };

/** Chinese for jsonc-parser's error names (its ParseErrorCode is a const enum, so keyed by name). */
const REASON_ZH: Record<string, string> = {
  InvalidSymbol: '出现无效符号',
  InvalidNumberFormat: '数字格式无效',
  PropertyNameExpected: '缺少属性名',
  ValueExpected: '缺少值',
  ColonExpected: '缺少冒号',
  CommaExpected: '缺少逗号',
  CloseBraceExpected: '缺少右花括号 }',
  CloseBracketExpected: '缺少右方括号 ]',
  EndOfFileExpected: '值之后还有多余内容',
  InvalidCommentToken: '出现注释（JSON 不允许）',
  UnexpectedEndOfComment: '注释未结束',
  UnexpectedEndOfString: '字符串未结束',
  UnexpectedEndOfNumber: '数字未结束',
  InvalidUnicode: 'Unicode 转义无效',
  InvalidEscapeCharacter: '转义字符无效',
  InvalidCharacter: '字符无效',
};

/** Errors that mean "the text stopped too early" rather than "the text is wrong". */
const END_OF_INPUT = new Set(['UnexpectedEndOfString', 'UnexpectedEndOfNumber', 'UnexpectedEndOfComment']);

/**
 * Parses one JSONL line. The native JSON.parse does the work; only when it fails does jsonc-parser run
 * to say where and why, since JSON.parse's messages carry no reliable column.
 * `mayBeTruncated` marks the file's last line when it has no newline: an error at its very end is
 * reported as a truncated file (J02) rather than as bad JSON.
 */
export function parseJsonLine(text: string, mayBeTruncated: boolean): JsonLineResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, finding: describeJsonError(text, mayBeTruncated) };
  }
}

function describeJsonError(text: string, mayBeTruncated: boolean): Finding {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  // jsonc-parser tolerates some things JSON.parse rejects (e.g. lone control characters are reported,
  // but not every case), so fall back to a position-less message rather than invent one.
  const first = errors[0];
  const offset = first ? first.offset : text.length;
  const name = first ? printParseErrorCode(first.error) : '';
  const reason = first ? humanReason(name) : 'unexpected content';
  const reasonZh = first ? (REASON_ZH[name] ?? reason) : '内容无效';
  const atEnd = first !== undefined && (END_OF_INPUT.has(name) || first.offset + first.length >= text.length);
  const code = mayBeTruncated && atEnd ? 'J02' : 'J01';
  const column = offset + 1;
  return {
    code,
    params: { reason, reasonZh, column },
    at: { offset, length: Math.max(1, first?.length ?? 1) },
  };
}

function humanReason(code: string): string {
  // "CloseBraceExpected" -> "close brace expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
