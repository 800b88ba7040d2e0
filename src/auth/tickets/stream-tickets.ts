import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '../../common/clock';
import { KeyValueStore } from '../../redis/key-value.store';
import { Principal } from '../../common/access/principal';

/** How long a ticket may wait for its one use. */
export const TICKET_TTL_SECONDS = 30;
const TICKET = /^[A-Za-z0-9_-]{43}$/;

export const ACCEPTS_TICKET = 'junction:ticket';

/**
 * The route also accepts `?ticket=` from POST .../tickets in place of the bearer token, for
 * clients that cannot send headers (a browser's EventSource). `purpose` names the route the
 * ticket was issued for; a ticket works on no other.
 */
export const AcceptsTicket = (purpose: string): MethodDecorator =>
  applyDecorators(SetMetadata(ACCEPTS_TICKET, purpose));

interface StoredTicket {
  purpose: string;
  principal: Principal;
}

/**
 * Single-use tickets that stand in for the caller's access token on one request of one route,
 * for 30 s: the access token itself never goes into a URL (URLs end up in proxy logs and browser
 * history). Redis keeps only a SHA-256 digest of the ticket as the key, with the caller it was
 * issued to (bound to that session: the guard still checks the session is open when it is used);
 * using it deletes it, compare-and-delete, so of two requests racing with one ticket one wins.
 */
@Injectable()
export class StreamTickets {
  constructor(
    private readonly store: KeyValueStore,
    private readonly clock: Clock,
  ) {}

  async issue(
    principal: Principal,
    purpose: string,
  ): Promise<{ ticket: string; expiresIn: number }> {
    const ticket = randomBytes(32).toString('base64url');
    const stored: StoredTicket = { purpose, principal };
    await this.store.set(this.keyOf(ticket), JSON.stringify(stored), {
      ttlMs: TICKET_TTL_SECONDS * 1000,
    });
    return { ticket, expiresIn: TICKET_TTL_SECONDS };
  }

  /** The caller the ticket was issued to, once; undefined when unknown, used, expired or misused. */
  async redeem(ticket: string, purpose: string): Promise<Principal | undefined> {
    if (!TICKET.test(ticket)) return undefined;
    const key = this.keyOf(ticket);
    const raw = await this.store.get(key);
    if (raw === null || !(await this.store.deleteIfEquals(key, raw))) return undefined;
    const stored = JSON.parse(raw) as StoredTicket;
    if (stored.purpose !== purpose) return undefined;
    // The access token it stood for has expired meanwhile: no more than the token could do.
    if (stored.principal.exp * 1000 <= this.clock.now()) return undefined;
    return stored.principal;
  }

  private keyOf(ticket: string): string {
    return `ticket:${createHash('sha256').update(ticket).digest('base64url')}`;
  }
}
