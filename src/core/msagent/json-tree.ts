/**
 * A strict JSON (RFC 8259) parser that keeps positions. JSON.parse is faster but gives neither the
 * offset of an error in a usable form nor the order of integer-like keys nor the raw text of a key,
 * which the seed checks need (`"\name"` is only visible in the raw key). Used where positions matter.
 */

interface NodeBase {
  /** Offset of the first character of the value in the text that was parsed. */
  start: number;
  /** Offset just after the value. */
  end: number;
}

export interface JsonEntry {
  key: string;
  /** Offset of the key's opening quote. */
  keyStart: number;
  /** Offset just after the key's closing quote. */
  keyEnd: number;
  value: JsonNode;
}

export type JsonNode =
  | (NodeBase & { kind: 'object'; entries: JsonEntry[] })
  | (NodeBase & { kind: 'array'; items: JsonNode[] })
  | (NodeBase & { kind: 'string'; value: string })
  | (NodeBase & { kind: 'number'; value: number; raw: string })
  | (NodeBase & { kind: 'boolean'; value: boolean })
  | (NodeBase & { kind: 'null' });

export interface JsonError {
  ok: false;
  message: string;
  /** Offset of the offending character in the text that was parsed. */
  offset: number;
  /** How many characters the error covers (at least 1, unless the text ended). */
  length: number;
}

export type JsonValueResult = { ok: true; node: JsonNode } | JsonError;

const MAX_DEPTH = 512;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length: number,
  ) {
    super(message);
  }
}

function isJsonWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function describeChar(text: string, pos: number, limit: number): string {
  if (pos >= limit) return 'the end of the text';
  const c = text.codePointAt(pos) ?? 0;
  if (c < 0x20 || c === 0x7f) return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCodePoint(c)}'`;
}

class Parser {
  pos: number;
  constructor(
    readonly text: string,
    start: number,
    readonly limit: number,
  ) {
    this.pos = start;
  }

  fail(message: string, offset = this.pos, length = 1): never {
    const len = offset >= this.limit ? 0 : Math.min(length, this.limit - offset);
    throw new JsonSyntaxError(message, offset, len);
  }

  skipWs(): void {
    const { text, limit } = this;
    let p = this.pos;
    while (p < limit && isJsonWs(text.charCodeAt(p))) p++;
    this.pos = p;
  }

  value(depth: number): JsonNode {
    this.skipWs();
    const { text, limit } = this;
    if (this.pos >= limit) this.fail('expected a JSON value but the text ended');
    const c = text.charCodeAt(this.pos);
    if (c === 0x7b) return this.object(depth);
    if (c === 0x5b) return this.array(depth);
    if (c === 0x22) {
      const start = this.pos;
      const value = this.string();
      return { kind: 'string', value, start, end: this.pos };
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (this.literal('true')) return { kind: 'boolean', value: true, start: this.pos - 4, end: this.pos };
    if (this.literal('false')) return { kind: 'boolean', value: false, start: this.pos - 5, end: this.pos };
    if (this.literal('null')) return { kind: 'null', start: this.pos - 4, end: this.pos };
    if (c === 0x27) this.fail("expected a JSON value; strings take double quotes, not '");
    return this.fail(`expected a JSON value, found ${describeChar(text, this.pos, limit)}`);
  }

  literal(word: string): boolean {
    if (this.pos + word.length > this.limit || !this.text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  object(depth: number): JsonNode {
    if (depth >= MAX_DEPTH) this.fail('JSON nested too deeply');
    const start = this.pos;
    this.pos++;
    const entries: JsonEntry[] = [];
    this.skipWs();
    if (this.text.charCodeAt(this.pos) === 0x7d && this.pos < this.limit) {
      this.pos++;
      return { kind: 'object', entries, start, end: this.pos };
    }
    for (;;) {
      this.skipWs();
      if (this.pos >= this.limit || this.text.charCodeAt(this.pos) !== 0x22) {
        this.fail(
          `expected a property name in double quotes, found ${describeChar(this.text, this.pos, this.limit)}`,
        );
      }
      const keyStart = this.pos;
      const key = this.string();
      const keyEnd = this.pos;
      this.skipWs();
      if (this.pos >= this.limit || this.text.charCodeAt(this.pos) !== 0x3a) {
        this.fail(
          `expected ':' after the property name, found ${describeChar(this.text, this.pos, this.limit)}`,
        );
      }
      this.pos++;
      const value = this.value(depth + 1);
      entries.push({ key, keyStart, keyEnd, value });
      this.skipWs();
      const c = this.pos < this.limit ? this.text.charCodeAt(this.pos) : -1;
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      if (c === 0x7d) {
        this.pos++;
        return { kind: 'object', entries, start, end: this.pos };
      }
      this.fail(
        `expected ',' or '}' after an object member, found ${describeChar(this.text, this.pos, this.limit)}`,
      );
    }
  }

  array(depth: number): JsonNode {
    if (depth >= MAX_DEPTH) this.fail('JSON nested too deeply');
    const start = this.pos;
    this.pos++;
    const items: JsonNode[] = [];
    this.skipWs();
    if (this.text.charCodeAt(this.pos) === 0x5d && this.pos < this.limit) {
      this.pos++;
      return { kind: 'array', items, start, end: this.pos };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.skipWs();
      const c = this.pos < this.limit ? this.text.charCodeAt(this.pos) : -1;
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      if (c === 0x5d) {
        this.pos++;
        return { kind: 'array', items, start, end: this.pos };
      }
      this.fail(
        `expected ',' or ']' after an array element, found ${describeChar(this.text, this.pos, this.limit)}`,
      );
    }
  }

  string(): string {
    const { text, limit } = this;
    const open = this.pos;
    let p = open + 1;
    let out = '';
    let chunk = p;
    for (;;) {
      if (p >= limit) this.fail('unterminated string', open, limit - open);
      const c = text.charCodeAt(p);
      if (c === 0x22) {
        out += text.slice(chunk, p);
        this.pos = p + 1;
        return out;
      }
      if (c < 0x20) this.fail(`control character ${describeChar(text, p, limit)} inside a string`, p);
      if (c !== 0x5c) {
        p++;
        continue;
      }
      out += text.slice(chunk, p);
      const e = p + 1 < limit ? text.charCodeAt(p + 1) : -1;
      switch (e) {
        case 0x22:
          out += '"';
          break;
        case 0x5c:
          out += '\\';
          break;
        case 0x2f:
          out += '/';
          break;
        case 0x62:
          out += '\b';
          break;
        case 0x66:
          out += '\f';
          break;
        case 0x6e:
          out += '\n';
          break;
        case 0x72:
          out += '\r';
          break;
        case 0x74:
          out += '\t';
          break;
        case 0x75: {
          const hex = text.slice(p + 2, Math.min(p + 6, limit));
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape in a string', p, 2 + hex.length);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          p += 4;
          break;
        }
        default:
          if (e === -1) this.fail('unterminated string', open, limit - open);
          this.fail(`invalid escape \\${String.fromCharCode(e)} in a string`, p, 2);
      }
      p += 2;
      chunk = p;
    }
  }

  number(): JsonNode {
    const { text, limit } = this;
    const start = this.pos;
    let p = start;
    const digitAt = (i: number): boolean => {
      if (i >= limit) return false;
      const c = text.charCodeAt(i);
      return c >= 0x30 && c <= 0x39;
    };
    if (text.charCodeAt(p) === 0x2d) p++;
    if (!digitAt(p)) this.fail('invalid number', start, p - start + 1);
    if (text.charCodeAt(p) === 0x30) p++;
    else while (digitAt(p)) p++;
    if (p < limit && text.charCodeAt(p) === 0x2e) {
      p++;
      if (!digitAt(p))
        this.fail('invalid number: expected a digit after the decimal point', start, p - start + 1);
      while (digitAt(p)) p++;
    }
    if (p < limit && (text.charCodeAt(p) | 0x20) === 0x65) {
      p++;
      const s = p < limit ? text.charCodeAt(p) : -1;
      if (s === 0x2b || s === 0x2d) p++;
      if (!digitAt(p)) this.fail('invalid number: expected a digit in the exponent', start, p - start + 1);
      while (digitAt(p)) p++;
    }
    this.pos = p;
    const raw = text.slice(start, p);
    return { kind: 'number', value: Number(raw), raw, start, end: p };
  }
}

function run(text: string, start: number, limit: number, whole: boolean): JsonValueResult {
  const parser = new Parser(text, start, limit);
  try {
    const node = parser.value(0);
    if (whole) {
      parser.skipWs();
      if (parser.pos < limit)
        parser.fail('unexpected text after the JSON value', parser.pos, limit - parser.pos);
    }
    return { ok: true, node };
  } catch (e) {
    if (e instanceof JsonSyntaxError)
      return { ok: false, message: e.message, offset: e.offset, length: e.length };
    throw e;
  }
}

/** Parses one JSON value starting at `start` (leading whitespace allowed); text after it is not looked at. */
export function parseJsonValueAt(text: string, start = 0, limit = text.length): JsonValueResult {
  return run(text, start, limit, false);
}

/** Parses `text[start, limit)` as exactly one JSON value surrounded by optional whitespace. */
export function parseJsonDocument(text: string, start = 0, limit = text.length): JsonValueResult {
  return run(text, start, limit, true);
}

/** The plain JS value of a node (objects lose duplicate keys, like JSON.parse). */
export function jsonNodeToJs(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      // defineProperty so that a "__proto__" key stays an own property, as with JSON.parse
      for (const e of node.entries) {
        Object.defineProperty(out, e.key, {
          value: jsonNodeToJs(e.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case 'array':
      return node.items.map(jsonNodeToJs);
    case 'null':
      return null;
    default:
      return node.value;
  }
}
