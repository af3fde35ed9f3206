import { type FromWebview, isToWebview, type ToWebview } from '../src/editor/protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

type Listener = (message: ToWebview) => void;
type Answer = Extract<ToWebview, { requestId: number }>;

/** The webview's side of the protocol: events out, requests answered by `requestId`, events in. */
export class Host {
  private readonly api = acquireVsCodeApi();
  private nextId = 1;
  private readonly pending = new Map<number, (m: Answer) => void>();
  private readonly listeners: Listener[] = [];

  constructor() {
    window.addEventListener('message', (e: MessageEvent) => {
      const message: unknown = e.data;
      if (!isToWebview(message)) return;
      if ('requestId' in message) {
        const resolve = this.pending.get(message.requestId);
        this.pending.delete(message.requestId);
        resolve?.(message);
        return;
      }
      for (const l of this.listeners) l(message);
    });
  }

  on(listener: Listener): void {
    this.listeners.push(listener);
  }

  post(message: FromWebview): void {
    this.api.postMessage(message);
  }

  rows(start: number, count: number): Promise<Extract<ToWebview, { type: 'rows' }>> {
    return this.request({ type: 'getRows', requestId: 0, start, count }) as Promise<
      Extract<ToWebview, { type: 'rows' }>
    >;
  }

  record(line: number, profile: 'agentfabric' | 'seed'): Promise<Extract<ToWebview, { type: 'record' }>> {
    return this.request({ type: 'getRecord', requestId: 0, line, profile }) as Promise<
      Extract<ToWebview, { type: 'record' }>
    >;
  }

  async locate(line: number): Promise<number> {
    const answer = await this.request({ type: 'locate', requestId: 0, line });
    return answer.type === 'located' ? answer.row : -1;
  }

  /** The next unreviewed record after a 1-based line (null: from the top) in the list as it is filtered. */
  async findNext(after: number | null): Promise<{ row: number; line: number }> {
    const answer = await this.request({ type: 'findNext', requestId: 0, after });
    return answer.type === 'found' ? { row: answer.row, line: answer.line } : { row: -1, line: -1 };
  }

  /** Answers that arrive after a reset belong to the old file; dropping them keeps stale rows out. */
  forgetPending(): void {
    this.pending.clear();
  }

  private request(message: Extract<FromWebview, { requestId: number }>): Promise<Answer> {
    const requestId = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(requestId, resolve);
      this.post({ ...message, requestId });
    });
  }
}
