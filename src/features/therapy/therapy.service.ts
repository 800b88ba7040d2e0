import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import { Principal } from '../../common/access/principal';
import { Cached, CachePolicy, ReadOptions, ResponseCache } from '../../cache/response-cache';
import { NueyneClient } from '../../upstreams/nueyne/nueyne.client';
import {
  CheckedTherapyDevice,
  DeviceLastUse,
  LiveSession,
  LiveSessionInput,
  TherapyDevice,
  TherapyDeviceRegistration,
  TherapyLog,
  TherapyLogInput,
} from '../../upstreams/nueyne/nueyne.models';

/**
 * The user's device list: short-lived, dropped on register/unregister. No stale-if-error: the
 * cache would also serve stale data over a 401/403 (an ended Nueyne login, an unlinked account).
 */
export const THERAPY_DEVICES_CACHE: CachePolicy = {
  name: 'therapy-devices',
  freshMs: 30_000,
};

/** Last use of one device: short-lived, dropped on register/unregister and on a log upload. */
export const THERAPY_LAST_USED_CACHE: CachePolicy = {
  name: 'therapy-last-used',
  freshMs: 30_000,
};

/**
 * A per-user generation number that prefixes the last-used keys: registering or unregistering a
 * device drops it, which orphans every last-used entry of that user at once (they expire on
 * their own) without knowing which device ids were cached.
 */
export const THERAPY_GENERATION: CachePolicy = { name: 'therapy-generation', freshMs: 86_400_000 };

const DEVICES_KEY = 'devices';
const GENERATION_KEY = 'generation';

/** Elexir Legacy therapy devices, logs and live sessions of the session's Legacy account. */
@Injectable()
export class TherapyService {
  constructor(
    private readonly nueyne: NueyneClient,
    private readonly cache: ResponseCache,
  ) {}

  devices(
    ctx: RequestContext,
    principal: Principal,
    options?: ReadOptions,
  ): Promise<Cached<TherapyDevice[]>> {
    return this.cache.get(
      THERAPY_DEVICES_CACHE,
      principal,
      DEVICES_KEY,
      () => this.nueyne.listTherapyDevices(ctx, principal),
      options,
    );
  }

  checkDevice(
    ctx: RequestContext,
    principal: Principal,
    uniqueId: string,
  ): Promise<CheckedTherapyDevice> {
    return this.nueyne.checkTherapyDevice(ctx, principal, uniqueId);
  }

  async registerDevice(
    ctx: RequestContext,
    principal: Principal,
    registration: TherapyDeviceRegistration,
  ): Promise<void> {
    try {
      await this.nueyne.registerTherapyDevice(ctx, principal, registration);
    } finally {
      await this.dropDeviceCaches(principal);
    }
  }

  async unregisterDevice(
    ctx: RequestContext,
    principal: Principal,
    uniqueId: string,
  ): Promise<void> {
    try {
      await this.nueyne.unregisterTherapyDevice(ctx, principal, uniqueId);
    } finally {
      await this.dropDeviceCaches(principal);
    }
  }

  async lastUse(
    ctx: RequestContext,
    principal: Principal,
    deviceId: number,
  ): Promise<Cached<DeviceLastUse>> {
    const key = await this.lastUsedKey(principal, deviceId);
    return this.cache.get(THERAPY_LAST_USED_CACHE, principal, key, () =>
      this.nueyne.lastUse(ctx, principal, deviceId),
    );
  }

  async uploadLog(
    ctx: RequestContext,
    principal: Principal,
    log: TherapyLogInput,
  ): Promise<TherapyLog> {
    const stored = await this.nueyne.uploadTherapyLog(ctx, principal, log);
    const key = await this.lastUsedKey(principal, log.deviceId);
    await this.cache.invalidate(THERAPY_LAST_USED_CACHE, principal, key);
    return stored;
  }

  logs(ctx: RequestContext, principal: Principal, month?: string): Promise<TherapyLog[]> {
    return this.nueyne.therapyLogs(ctx, principal, month);
  }

  recordLiveSession(
    ctx: RequestContext,
    principal: Principal,
    session: LiveSessionInput,
  ): Promise<LiveSession> {
    return this.nueyne.recordLiveSession(ctx, principal, session);
  }

  private async lastUsedKey(principal: Principal, deviceId: number): Promise<string> {
    const generation = await this.cache.get(THERAPY_GENERATION, principal, GENERATION_KEY, () =>
      Promise.resolve(Date.now().toString(36)),
    );
    return `${generation.value}:${deviceId}`;
  }

  /** Even a failed (un)registration may have changed something upstream: drop both. */
  private async dropDeviceCaches(principal: Principal): Promise<void> {
    await Promise.all([
      this.cache.invalidate(THERAPY_DEVICES_CACHE, principal, DEVICES_KEY),
      this.cache.invalidate(THERAPY_GENERATION, principal, GENERATION_KEY),
    ]);
  }
}
