type TypedArray = Uint8Array | Uint16Array | Uint32Array | Float64Array;

/** A typed array that grows by doubling: a few bytes per record instead of a JS object. */
export class Column<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data as never);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i];
  }
}

/**
 * What export keeps of each record that passed every filter (the pass-1 survivors): where its
 * output line sits in the spool file, which source it came from, its review status and token count.
 */
export class CandidateTable {
  readonly source = new Column((n) => new Uint16Array(n));
  readonly status = new Column((n) => new Uint8Array(n));
  readonly offset = new Column((n) => new Float64Array(n));
  readonly bytes = new Column((n) => new Uint32Array(n));
  readonly tokens = new Column((n) => new Uint32Array(n));

  get length(): number {
    return this.source.length;
  }

  add(source: number, status: number, offset: number, bytes: number, tokens: number): void {
    this.source.push(source);
    this.status.push(status);
    this.offset.push(offset);
    this.bytes.push(bytes);
    this.tokens.push(tokens);
  }
}
