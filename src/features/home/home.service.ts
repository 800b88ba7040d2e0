import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config/app-config';
import { ConferenceService } from '../conference/conference.service';
import { DevicesService } from '../devices/devices.service';
import { freshnessOf, live, settle, SourceError } from '../devices/partial-result';
import { SourceFreshnessDto } from '../devices/devices.dto';
import { MeService } from '../me/me.service';
import { TherapyService } from '../therapy/therapy.service';
import { SourceErrorDto } from '../../common/problem/problem.dto';
import { HomeDto, PartFreshnessDto, TherapySummaryDto } from './home.dto';

/** `YYYY-MM` of `now` in `timeZone`. */
export function monthIn(now: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

/**
 * The first screen: profile, devices, this month's therapy summary and live conference sessions,
 * fetched in parallel under one deadline, through the same services (and caches) as their routes.
 */
@Injectable()
export class HomeService {
  constructor(
    private readonly me: MeService,
    private readonly devices: DevicesService,
    private readonly therapy: TherapyService,
    private readonly conference: ConferenceService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private async summary(
    ctx: RequestContext,
    principal: Principal,
    month: string,
  ): Promise<TherapySummaryDto> {
    const logs = await this.therapy.logs(ctx, principal, month);
    const starts = logs
      .map((log) => log.loggedAt)
      .filter(Boolean)
      .sort();
    return {
      month,
      sessions: logs.length,
      totalTreatmentSeconds: logs.reduce((sum, log) => sum + (log.treatmentTime ?? 0), 0),
      lastUsedAt: starts.at(-1) ?? null,
    };
  }

  /**
   * `revalidate` (a client's `Cache-Control: no-cache`) asks the cached parts' sources even when
   * their cache is fresh; see DevicesService.list.
   */
  async home(
    ctx: RequestContext,
    principal: Principal,
    options: { revalidate?: boolean } = {},
  ): Promise<HomeDto> {
    const deadline = this.clock.now() + this.config.aggregates.homeDeadlineMs;
    const remaining = () => deadline - this.clock.now();
    const linked = await this.devices.linkedProviders(principal);
    const month = monthIn(this.clock.now(), this.config.nueyne.timezone);
    const canReadConference = principal.scopes.includes('conference:read');

    const [profile, devices, summary, liveSessions] = await Promise.all([
      linked.has('lux')
        ? settle('lux', () => this.me.profile(ctx, principal), remaining())
        : undefined,
      this.devices
        .list(ctx, principal, { deadlineMs: remaining(), linked, revalidate: options.revalidate })
        .then(
          (list) => ({ value: list }),
          (error: unknown) => ({
            value: {
              items: [],
              errors:
                error instanceof ProblemException
                  ? ((error.extensions.errors as SourceError[] | undefined) ?? [])
                  : [],
              warnings: [],
              freshness: [],
            },
          }),
        ),
      linked.has('legacy')
        ? settle('legacy', () => this.summary(ctx, principal, month), remaining())
        : undefined,
      canReadConference
        ? settle(
            'interwater',
            async () => {
              const cached = await this.conference.sessions(ctx, principal, {
                revalidate: options.revalidate,
              });
              return { value: cached.value, freshness: freshnessOf('interwater', cached) };
            },
            remaining(),
          )
        : undefined,
    ]);

    const errors: SourceErrorDto[] = [...devices.value.errors];
    const pick = <T>(result: { value: T } | { error: SourceError } | undefined): T | null => {
      if (!result) return null;
      if ('value' in result) return result.value;
      if (!errors.some((e) => e.source === result.error.source && e.code === result.error.code))
        errors.push(result.error);
      return null;
    };
    const freshness: PartFreshnessDto[] = [];
    const of = (part: string, source: SourceFreshnessDto | undefined) => {
      if (source) freshness.push({ part, ...source });
    };
    const profileValue = pick(profile);
    if (profileValue) of('profile', live('lux'));
    for (const source of devices.value.freshness) of('devices', source);
    const summaryValue = pick(summary);
    if (summaryValue) of('therapySummary', live('legacy'));
    const sessions = pick(liveSessions);
    of('liveSessions', sessions?.freshness);
    return {
      profile: profileValue,
      devices: devices.value.items,
      therapySummary: summaryValue,
      liveSessions: sessions?.value ?? null,
      errors,
      warnings: devices.value.warnings,
      freshness,
    };
  }
}
