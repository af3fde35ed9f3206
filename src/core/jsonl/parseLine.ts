import { type ParseError, ParseErrorCode, parse, printParseErrorCode } from 'jsonc-parser';
import type { Finding } from '../diagnostics/types';

export type JsonLineResult = { ok: true; value: unknown } | { ok: false; finding: Finding };

const REASON_ZH: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: '出现无效符号',
  [ParseErrorCode.InvalidNumberFormat]: '数字格式无效',
  [ParseErrorCode.PropertyNameExpected]: '缺少属性名',
  [ParseErrorCode.ValueExpected]: '缺少值',
  [ParseErrorCode.ColonExpected]: '缺少冒号',
  [ParseErrorCode.CommaExpected]: '缺少逗号',
  [ParseErrorCode.CloseBraceExpected]: '缺少右花括号 }',
  [ParseErrorCode.CloseBracketExpected]: '缺少右方括号 ]',
  [ParseErrorCode.EndOfFileExpected]: '值之后还有多余内容',
  [ParseErrorCode.InvalidCommentToken]: '出现注释（JSON 不允许）',
  [ParseErrorCode.UnexpectedEndOfComment]: '注释未结束',
  [ParseErrorCode.UnexpectedEndOfString]: '字符串未结束',
  [ParseErrorCode.UnexpectedEndOfNumber]: '数字未结束',
  [ParseErrorCode.InvalidUnicode]: 'Unicode 转义无效',
  [ParseErrorCode.InvalidEscapeCharacter]: '转义字符无效',
  [ParseErrorCode.InvalidCharacter]: '字符无效',
};

/** Errors that mean "the text stopped too early" rather than "the text is wrong". */
const END_OF_INPUT = new Set<ParseErrorCode>([
  ParseErrorCode.UnexpectedEndOfString,
  ParseErrorCode.UnexpectedEndOfNumber,
  ParseErrorCode.UnexpectedEndOfComment,
]);

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
  const reason = first ? humanReason(printParseErrorCode(first.error)) : 'unexpected content';
  const reasonZh = first ? (REASON_ZH[first.error] ?? reason) : '内容无效';
  const atEnd =
    first !== undefined && (END_OF_INPUT.has(first.error) || first.offset + first.length >= text.length);
  const code = mayBeTruncated && atEnd ? 'J02' : 'J01';
  const column = offset + 1;
  return {
    code,
    params: { reason, reasonZh, column },
    data: { offset, length: Math.max(1, first?.length ?? 1) },
  };
}

function humanReason(code: string): string {
  // "CloseBraceExpected" -> "close brace expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
