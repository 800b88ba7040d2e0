import { IncomingHttpHeaders, IncomingMessage, request } from 'node:http';
import { EVENT_SCHEMAS } from '../../src/features/appliance-events/appliance-events.dto';
import { OpenApiContract } from './openapi-contract';

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
  /** `data` parsed. */
  json: unknown;
  /** When it arrived (performance.now()). */
  at: number;
}

const contract = OpenApiContract.load();

/**
 * A test client of a `text/event-stream` answer over plain node:http (its own connection): it
 * parses the events as they arrive and checks each event's data against the schema openapi.json
 * declares for it (`x-junction-events`), as the supertest hook checks every other answer.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  /** Comment lines (heartbeats) received. */
  comments = 0;
  retry?: number;
  /** Every way an event departed from the spec. */
  readonly violations: string[] = [];
  readonly ended: Promise<void>;
  private buffer = '';
  private waiters: (() => void)[] = [];
  private done = false;

  private constructor(
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
    readonly response: IncomingMessage,
    /** The problem body when the answer was not a stream. */
    readonly body?: unknown,
  ) {
    this.ended = new Promise((resolve) => {
      const finish = () => {
        this.done = true;
        this.wake();
        resolve();
      };
      response.on('end', finish);
      response.on('close', finish);
      response.on('error', finish);
    });
    if (!body) {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => this.receive(chunk));
    }
  }

  /** Opens `path` on `base` and resolves once the answer's head is in. */
  static open(
    base: string,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = request(new URL(path, base), { headers, agent: false }, (res) => {
        if (res.headers['content-type']?.startsWith('text/event-stream')) {
          const client = new SseClient(res.statusCode ?? 0, res.headers, res);
          // The answer's head against openapi.json: status, content type, declared headers.
          client.violations.push(
            ...contract.check({
              method: 'GET',
              url: path,
              status: client.status,
              headers: res.headers,
            }),
          );
          resolve(client);
          return;
        }
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve(new SseClient(res.statusCode ?? 0, res.headers, res, body));
        });
      });
      req.on('error', reject);
      req.end();
    });
  }

  get isDone(): boolean {
    return this.done;
  }

  /** The events of one name (and device, when given) received so far. */
  of(event: string, deviceId?: string): SseEvent[] {
    return this.events.filter(
      (e) =>
        e.event === event &&
        (deviceId === undefined || (e.json as { deviceId?: string }).deviceId === deviceId),
    );
  }

  /** Waits until `predicate` holds for some event received (from `from` on). */
  async waitFor(
    predicate: (event: SseEvent) => boolean,
    timeoutMs = 5000,
    from = 0,
  ): Promise<SseEvent> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.events.slice(from).find(predicate);
      if (found) return found;
      if (this.done) throw new Error(`stream ended without the event; got ${this.describe()}`);
      const left = deadline - performance.now();
      if (left <= 0)
        throw new Error(`no such event within ${timeoutMs} ms; got ${this.describe()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for the answer to end (the server closed it). */
  async waitEnd(timeoutMs = 5000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.ended,
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new Error(`stream still open after ${timeoutMs} ms; got ${this.describe()}`)),
          timeoutMs,
        );
      }),
    ]).finally(() => clearTimeout(timer));
  }

  close(): void {
    this.response.destroy();
  }

  describe(): string {
    return this.events.map((e) => `${e.event}(${e.data.slice(0, 120)})`).join(' ') || 'nothing';
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.parse(block);
    }
    this.wake();
  }

  private parse(block: string): void {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    let comment = false;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        comment = true;
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry') this.retry = Number(value);
    }
    if (data.length === 0) {
      if (comment) this.comments += 1;
      return;
    }
    const text = data.join('\n');
    const json: unknown = JSON.parse(text);
    const schema = EVENT_SCHEMAS[event];
    if (!schema) this.violations.push(`event ${event} is not declared`);
    else {
      const error = contract.validateComponent(schema, json, 'response');
      if (error) this.violations.push(`${event}: ${error}`);
    }
    if (id === undefined || id === '') this.violations.push(`${event} without an id`);
    this.events.push({ id, event, data: text, json, at: performance.now() });
  }
}
