import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Span } from '@opentelemetry/api';
import { redactString } from '../logging/redact';

/** What a request carries through async calls: its id (sent upstream) and the W3C trace parent. */
export interface RequestContextStore {
  requestId: string;
  /** The request's server span (a no-op span when tracing is off). */
  span?: Span;
  /**
   * Who is calling, once known (the AuthGuard sets it): the principal's `sub` (an upstream
   * account or a service client), or `ip:<address>` on public routes. Shared protections (the
   * upstream breakers) count failures per caller, so one caller cannot trip them for all.
   */
  caller?: string;
}

const storage = new AsyncLocalStorage<RequestContextStore>();

export const RequestContext = {
  run<T>(store: RequestContextStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  current(): RequestContextStore | undefined {
    return storage.getStore();
  },
  /** Names the caller of the current request (no-op outside a request). */
  setCaller(caller: string): void {
    const store = storage.getStore();
    if (store) store.caller = caller;
  },
  /** The current request's caller; `gateway` for work outside any request. */
  caller(): string {
    return storage.getStore()?.caller ?? 'gateway';
  },
};

const SANE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * Keeps a client's x-request-id when it is short and printable and does not look like a credential
 * (a JWT: it is logged and sent upstream as is), else makes one.
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE_ID.test(value) && redactString(value) === value
    ? value
    : randomUUID();
}
