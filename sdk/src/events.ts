import type { components } from './schema.js';

type Schemas = components['schemas'];

/** The data of each event of `GET /v1/appliances/events`, by event name. */
export interface ApplianceEventData {
  snapshot: Schemas['ApplianceSnapshotEventDto'];
  status: Schemas['ApplianceStatusEventDto'];
  'device-added': Schemas['ApplianceDto'];
  'device-removed': Schemas['ApplianceRemovedEventDto'];
  'device-error': Schemas['ApplianceErrorEventDto'];
  notification: Schemas['ApplianceNotificationEventDto'];
  quota: Schemas['ApplianceQuotaEventDto'];
  error: Schemas['ProblemDto'];
  shutdown: Schemas['ApplianceShutdownEventDto'];
}

/** One event of the stream: its name, its `id` (pass it back to resume) and its typed data. */
export type ApplianceEvent = {
  [E in keyof ApplianceEventData]: { event: E; id: string; data: ApplianceEventData[E] };
}[keyof ApplianceEventData];

/** A parsed `text/event-stream` block (only the fields the gateway sends). */
export interface RawEvent {
  event: string;
  id?: string;
  data: string;
  /** A `retry:` field: the reconnection delay in ms. */
  retry?: number;
}

/**
 * Reads `text/event-stream` text as it arrives, by the WHATWG rules the gateway uses: blocks
 * separated by a blank line, `field: value` lines (`\r\n`, `\r` or `\n`), comment lines (`:`)
 * ignored, `data` lines joined. Written here because `EventSource` cannot send the bearer token,
 * and the stream parsers on npm either are ESM-only or bring a fetch of their own.
 */
export class EventStreamParser {
  private buffer = '';

  /** The complete events in `chunk` (and what earlier chunks left). */
  push(chunk: string): RawEvent[] {
    this.buffer += chunk;
    const normalised = this.buffer.replace(/\r\n?/g, '\n');
    const blocks = normalised.split('\n\n');
    this.buffer = blocks.pop() ?? '';
    const events: RawEvent[] = [];
    for (const block of blocks) {
      const event = parseBlock(block);
      if (event) events.push(event);
    }
    return events;
  }
}

function parseBlock(block: string): RawEvent | undefined {
  let event = 'message';
  let id: string | undefined;
  let retry: number | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  }
  if (data.length === 0) return retry === undefined ? undefined : { event: '', data: '', retry };
  return { event, id, data: data.join('\n'), retry };
}
