/**
 * `ast.literal_eval(text)` for CPython 3.11: accepts exactly the texts it accepts (except `\N{...}` escapes
 * and `...`, see below) and builds the same value. It is a small tokenizer following CPython's rules
 * (line joining inside brackets, comments, backslash continuation, indentation of a following line,
 * 200 levels of brackets) plus a parser for the only expression forms literal_eval evaluates: constants,
 * one unary +/- on a number, `real ± imaginary`, tuples, lists, sets, dicts and `set()`.
 */

import { codePointLabel, isDigit, isIdentChar, isIdentStart } from './chars';
import { dictFromEntries, setFromItems } from './keys';
import { scanNumber } from './number-literal';
import { scanString, stringPrefix } from './string-literal';
import type { ParseResult, PyValue } from './value';

// Token kinds.
const EOF = 0;
const NEWLINE = 1;
const NUMBER = 2;
const STRING = 3;
const NAME = 4;
const OP = 5;
const ELLIPSIS = 6;

// What the parsed expression was, before evaluation (literal_eval's checks depend on the AST node).
const CONSTANT = 0;
const UNARY = 1;
const BINOP = 2;
const CONTAINER = 3;
const SET_NAME = 4;

/** CPython's tokenizer refuses a 201st level of open brackets ("too many nested parentheses"). */
const MAX_NESTING = 200;

const SPACE = 0x20;
const TAB = 0x09;
const FORM_FEED = 0x0c;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const BACKSLASH = 0x5c;
const DOT = 0x2e;
const COMMA = 0x2c;
const COLON = 0x3a;
const PLUS = 0x2b;
const MINUS = 0x2d;
const LPAREN = 0x28;
const RPAREN = 0x29;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

const SET_NAME_PLACEHOLDER: PyValue = { t: 'none' };

export function parsePyLiteral(text: string): ParseResult {
  try {
    return new LiteralParser(text).parse();
  } catch (error) {
    // Defensive only: the parser reports every problem as a value.
    return {
      ok: false,
      message: `internal error while parsing a Python literal: ${String(error)}`,
      offset: 0,
    };
  }
}

class LiteralParser {
  private readonly src: string;
  private readonly n: number;
  private pos = 0;
  private atLineStart = true;
  private readonly opens: number[] = [];

  private tok = EOF;
  private tokStart = 0;
  private tokValue: PyValue = SET_NAME_PLACEHOLDER;
  private tokText = '';
  private tokOp = 0;
  private tokBytes = false;
  private tokFormatted = false;

  private nodeKind = CONSTANT;
  private errMessage: string | null = null;
  private errOffset = 0;

  constructor(src: string) {
    this.src = src;
    this.n = src.length;
  }

  parse(): ParseResult {
    // ast.literal_eval strips leading spaces and tabs (only those) before parsing.
    let i = 0;
    while (i < this.n && (this.src.charCodeAt(i) === SPACE || this.src.charCodeAt(i) === TAB)) i++;
    this.pos = i;
    const value = this.advance() ? this.parseTopLevel() : null;
    if (value === null)
      return { ok: false, message: this.errMessage ?? 'invalid literal', offset: this.errOffset };
    return { ok: true, value };
  }

  private reject(message: string, offset: number): false {
    this.fail(message, offset);
    return false;
  }

  private fail(message: string, offset: number): null {
    if (this.errMessage === null) {
      this.errMessage = message;
      this.errOffset = offset;
    }
    return null;
  }

  // ---- tokenizer ----------------------------------------------------------------------------------

  /** Moves to the next token; false (with the error recorded) on a lexical error. */
  private advance(): boolean {
    const src = this.src;
    const n = this.n;
    if (this.atLineStart && !this.skipLineStarts()) return false;
    let i = this.pos;
    for (;;) {
      if (i >= n) {
        this.pos = i;
        this.tok = EOF;
        this.tokStart = i;
        return true;
      }
      const c = src.charCodeAt(i);
      if (c === SPACE || c === TAB || c === FORM_FEED) {
        i++;
      } else if (c === HASH) {
        i = this.commentEnd(i);
        if (i < 0) return false;
      } else if (c === BACKSLASH) {
        const j = this.continuationEnd(i);
        if (j < 0) return false;
        if (j >= n && this.opens.length === 0) {
          this.fail(`unexpected end of input after the line continuation at offset ${i}`, i);
          return false;
        }
        i = j;
      } else if (c === LF || c === CR) {
        const next = c === CR && i + 1 < n && src.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
        if (this.opens.length > 0) {
          i = next;
          continue;
        }
        this.tok = NEWLINE;
        this.tokStart = i;
        this.pos = next;
        this.atLineStart = true;
        return true;
      } else {
        break;
      }
    }
    this.tokStart = i;
    return this.lexToken(i);
  }

  /**
   * At the start of a line outside brackets: skips blank and comment-only lines, and refuses an indented
   * line as CPython does ("unexpected indent"), including trailing whitespace on a last line.
   */
  private skipLineStarts(): boolean {
    const src = this.src;
    const n = this.n;
    let i = this.pos;
    let col = 0;
    for (;;) {
      if (i >= n) {
        if (col > 0) return this.reject(`unexpected indent at offset ${i} (whitespace on the last line)`, i);
        break;
      }
      const c = src.charCodeAt(i);
      if (c === SPACE || c === TAB) {
        col++;
        i++;
      } else if (c === FORM_FEED) {
        col = 0;
        i++;
      } else if (c === BACKSLASH) {
        const j = this.continuationEnd(i);
        if (j < 0) return false;
        if (j >= n)
          return this.reject(`unexpected end of input after the line continuation at offset ${i}`, i);
        i = j;
      } else if (c === HASH || c === LF || c === CR) {
        if (c === HASH) {
          i = this.commentEnd(i);
          if (i < 0) return false;
          if (i >= n) break;
        }
        i += src.charCodeAt(i) === CR && i + 1 < n && src.charCodeAt(i + 1) === LF ? 2 : 1;
        col = 0;
      } else {
        if (col > 0) return this.reject(`unexpected indent at offset ${i}`, i);
        break;
      }
    }
    this.pos = i;
    this.atLineStart = false;
    return true;
  }

  /** Index of the line break (or end) that ends the comment at `i`; -1 on a character Python refuses. */
  private commentEnd(i: number): number {
    const src = this.src;
    const n = this.n;
    for (; i < n; i++) {
      const c = src.charCodeAt(i);
      if (c === LF || c === CR) return i;
      if (c === 0 || (c >= 0xd800 && c <= 0xdfff)) {
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
          const d = src.charCodeAt(i + 1);
          if (d >= 0xdc00 && d <= 0xdfff) {
            i++;
            continue;
          }
        }
        this.fail(
          `${c === 0 ? 'NUL character' : `lone surrogate ${codePointLabel(c)}`} in a comment at offset ${i}`,
          i,
        );
        return -1;
      }
    }
    return n;
  }

  /** Index after the line break that a backslash at `i` escapes; -1 if something else follows it. */
  private continuationEnd(i: number): number {
    const src = this.src;
    const c = i + 1 < this.n ? src.charCodeAt(i + 1) : -1;
    if (c === LF) return i + 2;
    if (c === CR) return i + 2 < this.n && src.charCodeAt(i + 2) === LF ? i + 3 : i + 2;
    this.fail(`unexpected character after line continuation character at offset ${i}`, i);
    return -1;
  }

  private lexToken(i: number): boolean {
    const src = this.src;
    const n = this.n;
    const c = src.charCodeAt(i);
    if (isDigit(c) || (c === DOT && i + 1 < n && isDigit(src.charCodeAt(i + 1)))) {
      const scanned = scanNumber(src, i);
      if (!scanned.ok) return this.reject(scanned.message, scanned.offset);
      this.tok = NUMBER;
      this.tokValue = scanned.value;
      this.pos = scanned.end;
      return true;
    }
    if (c === 0x27 || c === 0x22) return this.lexString(i, i);
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(src.charCodeAt(j))) j++;
      if (j - i <= 2 && j < n && (src.charCodeAt(j) === 0x27 || src.charCodeAt(j) === 0x22)) {
        if (stringPrefix(src.slice(i, j)) !== null) return this.lexString(i, j);
      }
      this.tok = NAME;
      this.tokText = src.slice(i, j);
      this.pos = j;
      return true;
    }
    if (c === DOT && src.charCodeAt(i + 1) === DOT && src.charCodeAt(i + 2) === DOT) {
      this.tok = ELLIPSIS;
      this.pos = i + 3;
      return true;
    }
    if (c === LPAREN || c === LBRACKET || c === LBRACE) {
      if (this.opens.length >= MAX_NESTING) {
        return this.reject(
          `too many nested brackets at offset ${i} (Python allows ${MAX_NESTING} levels)`,
          i,
        );
      }
      this.opens.push(i);
    } else if (c === RPAREN || c === RBRACKET || c === RBRACE) {
      const open = this.opens.pop();
      const ch = String.fromCharCode(c);
      if (open === undefined) return this.reject(`unmatched '${ch}' at offset ${i}`, i);
      const opener = src.charCodeAt(open);
      if (opener !== (c === RPAREN ? LPAREN : c - 2)) {
        const message = `closing '${ch}' at offset ${i} does not match '${String.fromCharCode(opener)}' at offset ${open}`;
        return this.reject(message, i);
      }
    } else if (c < 0x20 || c === 0x7f) {
      return this.reject(`invalid non-printable character ${codePointLabel(c)} at offset ${i}`, i);
    } else if (c >= 0x80) {
      const cp = src.codePointAt(i) ?? c;
      const shown = cp >= 0xd800 && cp <= 0xdfff ? '' : `'${String.fromCodePoint(cp)}' `;
      return this.reject(
        `unexpected character ${shown}(${codePointLabel(cp)}) outside a string at offset ${i}`,
        i,
      );
    }
    this.tok = OP;
    this.tokOp = c;
    this.pos = i + 1;
    return true;
  }

  private lexString(start: number, quote: number): boolean {
    const prefix = stringPrefix(this.src.slice(start, quote));
    if (prefix === null) return this.reject(`invalid string prefix at offset ${start}`, start);
    const scanned = scanString(this.src, start, quote, prefix);
    if (!scanned.ok) return this.reject(scanned.message, scanned.offset);
    this.tok = STRING;
    this.tokText = scanned.text;
    this.tokBytes = scanned.bytes;
    this.tokFormatted = scanned.formatted;
    this.pos = scanned.end;
    return true;
  }

  private isOp(code: number): boolean {
    return this.tok === OP && this.tokOp === code;
  }

  private describeToken(): string {
    switch (this.tok) {
      case EOF:
        return 'the end of the input';
      case NEWLINE:
        return 'a line break';
      case NUMBER:
        return 'a number';
      case STRING:
        return 'a string';
      case NAME:
        return `name '${this.tokText}'`;
      case ELLIPSIS:
        return "'...'";
      default:
        return `'${String.fromCharCode(this.tokOp)}'`;
    }
  }

  private expected(what: string): null {
    if (this.tok === EOF && this.opens.length > 0) {
      const open = this.opens[this.opens.length - 1];
      return this.fail(`'${this.src[open]}' at offset ${open} was never closed`, open);
    }
    return this.fail(
      `expected ${what} but found ${this.describeToken()} at offset ${this.tokStart}`,
      this.tokStart,
    );
  }

  // ---- parser -------------------------------------------------------------------------------------

  private parseTopLevel(): PyValue | null {
    if (this.tok === EOF) return this.fail('empty input: expected a Python literal', this.tokStart);
    const first = this.parseValue();
    if (first === null) return null;
    let value = first;
    if (this.isOp(COMMA)) {
      const items = [first];
      while (this.isOp(COMMA)) {
        if (!this.advance()) return null;
        if (this.tok === NEWLINE || this.tok === EOF) break;
        const item = this.parseValue();
        if (item === null) return null;
        items.push(item);
      }
      value = { t: 'tuple', items };
    }
    if (this.tok === NEWLINE && !this.advance()) return null;
    if (this.tok !== EOF) return this.expected('the end of the literal');
    return value;
  }

  /** An element of a container or the whole literal: anything parseItem gives except a bare `set`. */
  private parseValue(): PyValue | null {
    const start = this.tokStart;
    const value = this.parseItem();
    if (value !== null && this.nodeKind === SET_NAME) return this.setNameError(start);
    return value;
  }

  private setNameError(offset: number): null {
    return this.fail(`name 'set' is not a literal at offset ${offset} (only the call set() is)`, offset);
  }

  /** `[+|-] primary [(+|-) primary]`, with literal_eval's restrictions on what the operands may be. */
  private parseItem(): PyValue | null {
    const start = this.tokStart;
    let value: PyValue | null;
    let kind: number;
    if (this.isOp(PLUS) || this.isOp(MINUS)) {
      const negative = this.tokOp === MINUS;
      if (!this.advance()) return null;
      const operand = this.parsePrimary();
      if (operand === null) return null;
      if (
        this.nodeKind !== CONSTANT ||
        !(operand.t === 'int' || operand.t === 'float' || operand.t === 'complex')
      ) {
        const sign = negative ? '-' : '+';
        return this.fail(`unary '${sign}' at offset ${start} must be followed directly by a number`, start);
      }
      value = negative ? negate(operand) : operand;
      kind = UNARY;
    } else {
      value = this.parsePrimary();
      if (value === null) return null;
      kind = this.nodeKind;
    }
    if (this.isOp(PLUS) || this.isOp(MINUS)) {
      const opStart = this.tokStart;
      const minus = this.tokOp === MINUS;
      const complexOnly = (at: number) =>
        this.fail(`'${this.src[at]}' at offset ${at} is only allowed in a complex number like 1+2j`, at);
      if (!((kind === CONSTANT || kind === UNARY) && (value.t === 'int' || value.t === 'float'))) {
        return complexOnly(opStart);
      }
      if (!this.advance()) return null;
      const right = this.parsePrimary();
      if (right === null) return null;
      if (this.nodeKind !== CONSTANT || right.t !== 'complex') return complexOnly(opStart);
      const real = value.t === 'int' ? Number(value.v) : value.v;
      if (value.t === 'int' && !Number.isFinite(real)) {
        return this.fail(`integer at offset ${start} is too large to convert to float`, start);
      }
      value = minus
        ? { t: 'complex', re: real - right.re, im: 0 - right.im }
        : { t: 'complex', re: real + right.re, im: 0 + right.im };
      kind = BINOP;
      if (this.isOp(PLUS) || this.isOp(MINUS)) return complexOnly(this.tokStart);
    }
    this.nodeKind = kind;
    return value;
  }

  private parsePrimary(): PyValue | null {
    const start = this.tokStart;
    let value: PyValue | null;
    switch (this.tok) {
      case NUMBER:
        value = this.tokValue;
        this.nodeKind = CONSTANT;
        if (!this.advance()) return null;
        break;
      case STRING:
        value = this.parseStrings();
        this.nodeKind = CONSTANT;
        break;
      case NAME:
        value = this.parseName();
        break;
      case OP:
        if (this.tokOp === LPAREN) value = this.parseParenthesized();
        else if (this.tokOp === LBRACKET) value = this.parseList();
        else if (this.tokOp === LBRACE) value = this.parseBraced();
        else return this.expected('a value');
        break;
      case ELLIPSIS:
        return this.fail(`'...' (Ellipsis) at offset ${start} has no JSON form and is not supported`, start);
      default:
        return this.expected('a value');
    }
    if (value === null) return null;
    while (this.tok === OP) {
      const op = this.tokOp;
      const at = this.tokStart;
      if (op === LPAREN) {
        if (this.nodeKind !== SET_NAME) return this.fail(`calls are not literals (offset ${at})`, at);
        if (!this.advance()) return null;
        if (!this.isOp(RPAREN))
          return this.fail(`set() takes no arguments in a literal (offset ${this.tokStart})`, this.tokStart);
        if (!this.advance()) return null;
        value = { t: 'set', items: [] };
        this.nodeKind = CONTAINER;
      } else if (op === LBRACKET) {
        return this.fail(`subscripts are not literals (offset ${at})`, at);
      } else if (op === DOT) {
        return this.fail(`attribute access is not a literal (offset ${at})`, at);
      } else {
        break;
      }
    }
    return value;
  }

  private parseName(): PyValue | null {
    const name = this.tokText;
    const start = this.tokStart;
    let value: PyValue;
    if (name === 'True' || name === 'False') value = { t: 'bool', v: name === 'True' };
    else if (name === 'None') value = { t: 'none' };
    else if (name === 'set') value = SET_NAME_PLACEHOLDER;
    else {
      const hint: Record<string, string> = { true: 'True', false: 'False', null: 'None', none: 'None' };
      const suggestion = hint[name.toLowerCase()];
      const tail = suggestion !== undefined ? ` (Python spells it ${suggestion})` : '';
      return this.fail(`name '${name}' at offset ${start} is not a literal${tail}`, start);
    }
    this.nodeKind = name === 'set' ? SET_NAME : CONSTANT;
    if (!this.advance()) return null;
    return value;
  }

  /** Adjacent string literals concatenate ('a' 'b'); bytes and str may not mix. */
  private parseStrings(): PyValue | null {
    const start = this.tokStart;
    const bytes = this.tokBytes;
    let formatted = this.tokFormatted;
    let text = this.tokText;
    if (!this.advance()) return null;
    while (this.tok === STRING) {
      if (this.tokBytes !== bytes) {
        return this.fail(`cannot mix bytes and nonbytes literals (offset ${this.tokStart})`, this.tokStart);
      }
      formatted = formatted || this.tokFormatted;
      text += this.tokText;
      if (!this.advance()) return null;
    }
    if (formatted) return this.fail(`f-strings are not literals (offset ${start})`, start);
    if (!bytes) return { t: 'str', v: text };
    const v = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) v[i] = text.charCodeAt(i);
    return { t: 'bytes', v };
  }

  /** `()` / `(x,)` / `(x, y)` tuples, or `(x)`, which is just x (literal_eval sees through the brackets). */
  private parseParenthesized(): PyValue | null {
    if (!this.advance()) return null;
    if (this.isOp(RPAREN)) {
      if (!this.advance()) return null;
      this.nodeKind = CONTAINER;
      return { t: 'tuple', items: [] };
    }
    const firstStart = this.tokStart;
    const first = this.parseItem();
    if (first === null) return null;
    if (this.isOp(RPAREN)) {
      const kind = this.nodeKind;
      if (!this.advance()) return null;
      this.nodeKind = kind;
      return first;
    }
    if (!this.isOp(COMMA)) return this.expected("',' or ')'");
    if (this.nodeKind === SET_NAME) return this.setNameError(firstStart);
    const items = [first];
    if (!this.parseRest(items, RPAREN)) return null;
    return { t: 'tuple', items };
  }

  private parseList(): PyValue | null {
    if (!this.advance()) return null;
    const items: PyValue[] = [];
    if (!this.isOp(RBRACKET)) {
      const first = this.parseValue();
      if (first === null) return null;
      items.push(first);
      if (!this.isOp(COMMA) && !this.isOp(RBRACKET)) return this.expected("',' or ']'");
    }
    if (!this.parseRest(items, RBRACKET)) return null;
    return { t: 'list', items };
  }

  /**
   * Continues a sequence after its first element: `(, item)* [,] closer`. The current token is the comma
   * or the closer; on success the closer has been consumed.
   */
  private parseRest(items: PyValue[], closer: number, starts?: number[]): boolean {
    const closing = `',' or '${String.fromCharCode(closer)}'`;
    while (this.isOp(COMMA)) {
      if (!this.advance()) return false;
      if (this.isOp(closer)) break;
      starts?.push(this.tokStart);
      const item = this.parseValue();
      if (item === null) return false;
      items.push(item);
      if (!this.isOp(COMMA) && !this.isOp(closer)) break;
    }
    if (!this.isOp(closer)) {
      this.expected(closing);
      return false;
    }
    if (!this.advance()) return false;
    this.nodeKind = CONTAINER;
    return true;
  }

  private parseBraced(): PyValue | null {
    if (!this.advance()) return null;
    if (this.isOp(RBRACE)) {
      if (!this.advance()) return null;
      this.nodeKind = CONTAINER;
      return { t: 'dict', entries: [] };
    }
    const firstStart = this.tokStart;
    const first = this.parseValue();
    if (first === null) return null;
    if (this.isOp(COLON)) return this.parseDictRest(first, firstStart);
    if (!this.isOp(COMMA) && !this.isOp(RBRACE)) return this.expected("',', ':' or '}'");
    const items = [first];
    const starts = [firstStart];
    if (!this.parseRest(items, RBRACE, starts)) return null;
    const built = setFromItems(items);
    if (!built.ok) return this.unhashable(built.message, 'set element', starts[built.index]);
    this.nodeKind = CONTAINER;
    return built.value;
  }

  private parseDictRest(firstKey: PyValue, firstStart: number): PyValue | null {
    const pairs: [PyValue, PyValue][] = [];
    const starts: number[] = [];
    let key = firstKey;
    let keyStart = firstStart;
    for (;;) {
      if (!this.isOp(COLON)) return this.expected("':' after the dict key");
      if (!this.advance()) return null;
      const value = this.parseValue();
      if (value === null) return null;
      pairs.push([key, value]);
      starts.push(keyStart);
      if (this.isOp(RBRACE)) break;
      if (!this.isOp(COMMA)) return this.expected("',' or '}'");
      if (!this.advance()) return null;
      if (this.isOp(RBRACE)) break;
      keyStart = this.tokStart;
      const next = this.parseValue();
      if (next === null) return null;
      key = next;
    }
    if (!this.advance()) return null;
    const built = dictFromEntries(pairs);
    if (!built.ok) return this.unhashable(built.message, 'dict key', starts[built.index]);
    this.nodeKind = CONTAINER;
    return built.value;
  }

  private unhashable(message: string, what: string, offset: number): null {
    return this.fail(
      `${message}: a ${what} must be hashable (not a list, dict or set) at offset ${offset}`,
      offset,
    );
  }
}

function negate(value: PyValue): PyValue {
  switch (value.t) {
    case 'int':
      return { t: 'int', v: -value.v };
    case 'float':
      return { t: 'float', v: -value.v };
    case 'complex':
      return { t: 'complex', re: -value.re, im: -value.im };
    default:
      return value;
  }
}
