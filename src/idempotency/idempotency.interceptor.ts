import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, Observable, of } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { CredentialVault } from '../auth/crypto/credential-vault';
import { Principal, PRINCIPAL_KEY } from '../common/access/principal';
import { ErrorCode } from '../common/problem/error-code';
import { ProblemException } from '../common/problem/problem.exception';
import { AppConfig } from '../config/app-config';
import { KeyValueStore } from '../redis/key-value.store';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** On an answer given again from the record of the first: `idempotent-replayed: true`. */
export const REPLAYED_HEADER = 'idempotent-replayed';
/** What a key may be: 1 to 255 visible ASCII characters (a UUID, a ULID, a random token). */
export const IDEMPOTENCY_KEY_PATTERN = '^[\\x21-\\x7E]{1,255}$';
const KEY = new RegExp(IDEMPOTENCY_KEY_PATTERN);

/** How long the first request of a key may be in flight before the key is free again. */
const IN_FLIGHT_MS = 60_000;
/** A duplicate of a request in flight waits this long for its answer, then gets 409. */
const DUPLICATE_WAIT_MS = 2_000;
const DUPLICATE_POLL_MS = 50;

/** What the store keeps for a key, sealed (the request's fingerprint and the answer's body). */
type IdempotencyRecord =
  | { state: 'in-flight'; fingerprint: string }
  | { state: 'done'; fingerprint: string; body: unknown };

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The header's key (a bare token, or an RFC 8941 string as the IETF draft writes it), or 400. */
function keyOf(header: string | string[]): string {
  const raw = Array.isArray(header) ? header.join(',') : header;
  const key = /^"[^"\\]*"$/.test(raw) ? raw.slice(1, -1) : raw;
  if (!KEY.test(key)) {
    throw new ProblemException(ErrorCode.VALIDATION_FAILED, {
      detail: `${IDEMPOTENCY_KEY_HEADER} must be 1 to 255 visible ASCII characters (a UUID, say).`,
      errors: [
        { field: IDEMPOTENCY_KEY_HEADER, message: 'must be 1 to 255 visible ASCII characters' },
      ],
    });
  }
  return key;
}

function reused(): ProblemException {
  return new ProblemException(ErrorCode.IDEMPOTENCY_KEY_REUSED, {
    detail: `This ${IDEMPOTENCY_KEY_HEADER} was used for a request with another body; use a new key for a new request.`,
    errors: [{ field: IDEMPOTENCY_KEY_HEADER, message: 'was used with another body' }],
  });
}

function inFlight(): ProblemException {
  return new ProblemException(ErrorCode.IDEMPOTENT_REQUEST_IN_FLIGHT, {
    detail: `A request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed; ask again shortly for its answer.`,
    headers: { 'retry-after': '1' },
  });
}

/**
 * `Idempotency-Key` (IETF httpapi draft) on the routes that take `@Idempotent()`: the first request
 * of a key runs and its successful answer is kept (IDEMPOTENCY_TTL_SECONDS, 24 h); the same key and
 * body from the same caller gets that answer again, on any instance, without the route running
 * (`idempotent-replayed: true`); the same key with another body is 422; a duplicate that arrives
 * while the first is in flight waits up to 2 s for its answer, then gets 409 with Retry-After.
 * A request that fails keeps nothing, so it may be sent again with the same key. Records are sealed
 * (a sign-up's answer holds tokens), keyed by caller, method, path and key. Without the header,
 * the route runs as always.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  private readonly ttlMs: number;

  constructor(
    private readonly store: KeyValueStore,
    private readonly vault: CredentialVault,
    config: AppConfig,
  ) {
    this.ttlMs = config.idempotency.ttlSeconds * 1000;
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    const key = keyOf(header);
    const principal = (request as unknown as Record<string, Principal | undefined>)[PRINCIPAL_KEY];
    const caller = principal ? principal.sub : 'anonymous';
    const target = `${request.method} ${request.url.split('?')[0]}`;
    const storeKey = `idem:{${digest(caller)}}:${digest(`${target}\n${key}`)}`;
    const fingerprint = digest(JSON.stringify(request.body ?? null));

    const replay = await this.claimOrReplay(storeKey, fingerprint);
    if (replay) {
      void http.getResponse<FastifyReply>().header(REPLAYED_HEADER, 'true');
      return of(replay.body);
    }
    return next.handle().pipe(
      mergeMap((body: unknown) => from(this.keep(storeKey, fingerprint, body).then(() => body))),
      catchError((error: unknown) =>
        from(
          this.store.del(storeKey).then(
            () => Promise.reject(error as Error),
            () => Promise.reject(error as Error),
          ),
        ),
      ),
    );
  }

  /**
   * Claims the key for this request (undefined: run it), or the first answer to give again; throws
   * 422 for another body and 409 while the first is still in flight past the wait.
   */
  private async claimOrReplay(
    storeKey: string,
    fingerprint: string,
  ): Promise<{ body: unknown } | undefined> {
    const deadline = Date.now() + DUPLICATE_WAIT_MS;
    for (;;) {
      const claim: IdempotencyRecord = { state: 'in-flight', fingerprint };
      if (
        await this.store.set(storeKey, this.seal(storeKey, claim), {
          ttlMs: IN_FLIGHT_MS,
          ifAbsent: true,
        })
      )
        return undefined;
      const record = await this.read(storeKey);
      // Gone in between (the first failed, or its record expired): claim it again.
      if (!record) continue;
      if (record.fingerprint !== fingerprint) throw reused();
      if (record.state === 'done') return { body: record.body };
      if (Date.now() >= deadline) throw inFlight();
      await new Promise((resolve) => setTimeout(resolve, DUPLICATE_POLL_MS));
    }
  }

  private async keep(storeKey: string, fingerprint: string, body: unknown): Promise<void> {
    const record: IdempotencyRecord = { state: 'done', fingerprint, body: body ?? null };
    try {
      await this.store.set(storeKey, this.seal(storeKey, record), { ttlMs: this.ttlMs });
    } catch (error) {
      // The request has run; its answer still goes out. A retry then runs it again.
      this.logger.warn(`answer not kept: ${(error as Error).message}`);
    }
  }

  private seal(storeKey: string, record: IdempotencyRecord): string {
    return this.vault.seal(JSON.stringify(record), storeKey);
  }

  private async read(storeKey: string): Promise<IdempotencyRecord | undefined> {
    const sealed = await this.store.get(storeKey);
    const opened = sealed ? this.vault.open(sealed, storeKey) : undefined;
    return opened ? (JSON.parse(opened) as IdempotencyRecord) : undefined;
  }
}
