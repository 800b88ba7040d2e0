import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import { LinkedAccounts } from '../../auth/links/linked-accounts.service';
import { Principal, Provider } from '../../common/access/principal';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { staleWarning } from '../../cache/cache-headers';
import { Cached, ReadOptions } from '../../cache/response-cache';
import { AppConfig } from '../../config/app-config';
import { AppliancesService } from '../appliances/appliances.service';
import { TherapyService } from '../therapy/therapy.service';
import { DeviceItemDto, DeviceListDto } from './devices.dto';
import {
  freshnessOf,
  settle,
  Source,
  SourceError,
  SourceFreshness,
  SourceWarning,
} from './partial-result';

/** One source's items, how fresh they are, and why they are not fresh when they are not. */
interface SourceItems {
  items: DeviceItemDto[];
  freshness: SourceFreshness;
  warning?: SourceWarning;
}

/** How GET /v1/devices (or /v1/home) asks its sources. */
export interface DeviceListOptions extends ReadOptions {
  /** Caps every source's deadline (AGGREGATE_SOURCE_TIMEOUT_MS), for /v1/home. */
  deadlineMs?: number;
  /** The providers the session holds, when already read. */
  linked?: ReadonlySet<Provider>;
}

function warningOf(source: Source, cached: Cached<unknown>): SourceWarning | undefined {
  const warning = staleWarning(cached);
  return warning ? { source, ...warning, ageSeconds: cached.ageSeconds } : undefined;
}

/** Every device the session can see, therapy devices and appliances, in one normalised list. */
@Injectable()
export class DevicesService {
  constructor(
    private readonly therapy: TherapyService,
    private readonly appliances: AppliancesService,
    private readonly links: LinkedAccounts,
    private readonly config: AppConfig,
  ) {}

  private async therapyItems(
    ctx: RequestContext,
    principal: Principal,
    options: ReadOptions,
  ): Promise<SourceItems> {
    const cached = await this.therapy.devices(ctx, principal, options);
    const items = cached.value.map((device) => ({
      id: `legacy:${device.id}`,
      source: 'legacy',
      kind: 'therapy',
      type: 'THERAPY_DEVICE',
      model: device.modelName,
      name: device.serialCode,
      href: `/v1/therapy/devices/${device.id}/last-used`,
      registeredAt: device.registeredAt,
    }));
    return {
      items,
      freshness: freshnessOf('legacy', cached),
      warning: warningOf('legacy', cached),
    };
  }

  private async applianceItems(
    ctx: RequestContext,
    principal: Principal,
    options: ReadOptions,
  ): Promise<SourceItems> {
    const cached = await this.appliances.list(ctx, principal, options);
    const items = cached.value.map((appliance) => ({
      id: `thinq:${appliance.deviceId}`,
      source: 'thinq',
      kind: 'appliance',
      type: appliance.deviceType,
      model: appliance.modelName,
      name: appliance.alias,
      href: `/v1/appliances/${encodeURIComponent(appliance.deviceId)}/status`,
      ...(appliance.groupId ? { groupId: appliance.groupId } : {}),
    }));
    return {
      items,
      freshness: freshnessOf('thinq', cached),
      warning: warningOf('thinq', cached),
    };
  }

  /** The providers this session holds (one read of its links). */
  async linkedProviders(principal: Principal): Promise<Set<Provider>> {
    const summaries = await this.links.summaries(principal);
    return new Set(
      summaries.filter((summary) => summary.linked).map((summary) => summary.provider),
    );
  }

  /**
   * Asks only the linked sources, in parallel, each under its own deadline (`deadlineMs` caps
   * them, for /v1/home). A failing or late source adds an entry to `errors`; all failing is a 502
   * (a 429 UPSTREAM_QUOTA_EXHAUSTED when every one failed for its spent quota). A source answered
   * from its cache because it could not be asked adds an entry to `warnings`. Every source that
   * answered has an entry in `freshness`; `revalidate` asks them even when their cache is fresh.
   */
  async list(
    ctx: RequestContext,
    principal: Principal,
    options: DeviceListOptions = {},
  ): Promise<DeviceListDto> {
    const linked = options.linked ?? (await this.linkedProviders(principal));
    const perSource = Math.min(
      options.deadlineMs ?? this.config.aggregates.sourceTimeoutMs,
      this.config.aggregates.sourceTimeoutMs,
    );
    const read: ReadOptions = { revalidate: options.revalidate };
    const tasks = [
      linked.has('legacy')
        ? settle('legacy', () => this.therapyItems(ctx, principal, read), perSource)
        : undefined,
      linked.has('thinq')
        ? settle('thinq', () => this.applianceItems(ctx, principal, read), perSource)
        : undefined,
    ].filter((task) => task !== undefined);
    const results = await Promise.all(tasks);
    const items: DeviceItemDto[] = [];
    const errors: SourceError[] = [];
    const warnings: SourceWarning[] = [];
    const freshness: SourceFreshness[] = [];
    for (const result of results) {
      if ('value' in result) {
        items.push(...result.value.items);
        freshness.push(result.value.freshness);
        if (result.value.warning) warnings.push(result.value.warning);
      } else errors.push(result.error);
    }
    if (results.length > 0 && errors.length === results.length) {
      if (errors.every((error) => error.code === ErrorCode.UPSTREAM_QUOTA_EXHAUSTED)) {
        const seconds = Math.max(1, ...errors.map((error) => error.retryAfterSeconds ?? 1));
        throw new ProblemException(ErrorCode.UPSTREAM_QUOTA_EXHAUSTED, {
          detail: `The upstream call quota is spent and nothing is cached yet; retry in ${seconds} s.`,
          headers: { 'retry-after': String(seconds) },
          extensions: { errors },
        });
      }
      throw new ProblemException(ErrorCode.UPSTREAM_ERROR, {
        detail: 'No device source answered.',
        extensions: { errors },
      });
    }
    return { items, errors, warnings, freshness };
  }
}
