import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentContext, RequestContext } from '../../common/context/request-context';
import { CurrentPrincipal, Principal, RequireScopes } from '../../common/access/principal';
import { applyCacheHeaders, CACHE_HEADERS } from '../../cache/cache-headers';
import { NoCompression } from '../../common/http/compression';
import { JSON_CONTENT_TYPE, jsonOnce } from '../../common/http/json-once';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import {
  ApplianceDto,
  ApplianceParamsDto,
  ApplianceProfileDto,
  COMMAND_EXAMPLES,
  COMMAND_SCHEMA,
  STATUS_SCHEMA,
} from './appliance.dto';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { RateLimit } from '../../rate-limit/rate-limit.decorator';
import { AppliancesService } from './appliances.service';

const QUOTA_NOTE =
  ' Every ThinQ call spends the linked account\u2019s hourly call budget (`THINQ_HOURLY_CALL_BUDGET`, shared by every instance and every session of that account); once reads have spent theirs, cached values are answered `STALE` with `x-stale-reason: UPSTREAM_QUOTA_EXHAUSTED`, and only a read with nothing cached is 429 `UPSTREAM_QUOTA_EXHAUSTED` with `Retry-After`. ThinQ\u2019s own quota answers (1306, 1314, HTTP 429) are the same 429.';

@ApiTags('appliances')
@ApiBearerAuth('bearer')
@RequireScopes('appliances')
@ApiExtraModels(ApplianceProfileDto)
@Controller('v1/appliances')
export class AppliancesController {
  constructor(private readonly appliances: AppliancesService) {}

  @Get()
  @ApiOperation({
    summary: 'LG ThinQ appliances',
    description:
      'The devices of the linked ThinQ account (`GET /v2/devices`), each with ThinQ\u2019s `deviceInfo` flattened into the item. Needs a linked `thinq` account. Cached per user and link (the same list serves `GET /v1/devices` and `GET /v1/home`): fresh for `THINQ_DEVICES_FRESH_MS` (default 5 min), then refreshed by the next read; when ThinQ fails or the call budget is spent, the last list is served for `THINQ_DEVICES_STALE_IF_ERROR_MS` (default 24 h). Concurrent reads share one ThinQ call, across instances. Linking the account (again) or unlinking it drops the list.' +
      QUOTA_NOTE,
  })
  @ApiOkResponse({ type: [ApplianceDto], headers: CACHE_HEADERS })
  @ApiProblems(400, 401, 403, 404, 409, 429, 502, 503, 504)
  async list(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApplianceDto[]> {
    const cached = await this.appliances.list(ctx, principal);
    applyCacheHeaders(reply, cached);
    return cached.value;
  }

  @Get(':deviceId/profile')
  @ApiOperation({
    summary: 'What an appliance can report and take',
    description:
      'The device profile (`GET /v2/devices/profile/{id}`), cached per user and device for hours (`THINQ_PROFILE_TTL_MS`, default 6 h); when ThinQ fails, the last profile is served for as long again. Commands are checked against it.' +
      QUOTA_NOTE,
  })
  @ApiOkResponse({ type: ApplianceProfileDto, headers: CACHE_HEADERS })
  @ApiProblems(400, 401, 403, 404, 429, 502, 503, 504)
  async profile(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Param() { deviceId }: ApplianceParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApplianceProfileDto> {
    const cached = await this.appliances.profile(ctx, principal, deviceId);
    applyCacheHeaders(reply, cached);
    return cached.value as unknown as ApplianceProfileDto;
  }

  @Get(':deviceId/status')
  @NoCompression()
  @ApiOperation({
    summary: 'An appliance\u2019s current status',
    description:
      'The device status (`GET /v2/devices/status/{id}`), cached per user and device to spare the user\u2019s hourly ThinQ quota: fresh for `THINQ_STATUS_FRESH_MS` (default 5 s); then, for `THINQ_STATUS_SWR_MS` (default 25 s), the cached value is answered at once (`x-cache: STALE`) while one background call refreshes it; when ThinQ fails or times out, the last good value is served for `THINQ_STATUS_STALE_IF_ERROR_MS` (default 5 min). Concurrent requests for the same status share one ThinQ call, across gateway instances. After that window a failure is answered as a problem (502, 503 or 504). A read holding a cached value never waits more than `CACHE_REFRESH_WAIT_MS` (default 1 s) for ThinQ (a hanging call, a breaker probe): then the cached value is answered (`x-stale-reason: UPSTREAM_TIMEOUT`) while the refresh carries on. A successful command drops the cached status. The answer carries the device\u2019s `deviceType` (narrow the schema on it), taken from the device list and kept per device for a day: a warm read makes no ThinQ call for it; the first read of a device when no list is cached makes one list call.' +
      QUOTA_NOTE,
  })
  @ApiOkResponse({ schema: STATUS_SCHEMA, headers: CACHE_HEADERS })
  @ApiProblems(400, 401, 403, 404, 409, 429, 502, 503, 504)
  async status(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Param() { deviceId }: ApplianceParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const cached = await this.appliances.status(ctx, principal, deviceId);
    applyCacheHeaders(reply, cached);
    void reply.type(JSON_CONTENT_TYPE);
    // The polled route: the answer of each cached value is serialised once (json-once.ts).
    return jsonOnce(cached.value, () => ({ deviceType: cached.deviceType, ...cached.value }));
  }

  @Post(':deviceId/commands')
  @RateLimit('appliance-commands')
  @Idempotent()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Control an appliance',
    description:
      'Checks the command against the device profile first (the property exists and is writable, enum values are in `value.w`, ranges respect min, max and step, types match, located resources name a known `locationName`); a refused command answers 400 `INVALID_COMMAND` listing each property and why, and never reaches ThinQ. Then `POST /v2/devices/control/{id}`; on success the cached status of the device is dropped, so the next read is fresh. State refusals from ThinQ (remote control off, powered off, wrong mode...) answer 409 `COMMAND_NOT_SUPPORTED_NOW`; an offline device 409 `DEVICE_OFFLINE`. A command (and the profile read that checks it) may spend the share of the hourly ThinQ call budget kept from reads (`THINQ_COMMAND_RESERVE`), so \u201cstop\u201d still works after polling has spent the rest; past the whole budget it is 429 `UPSTREAM_QUOTA_EXHAUSTED` with `Retry-After`.',
  })
  @ApiBody({ schema: COMMAND_SCHEMA, examples: COMMAND_EXAMPLES })
  @ApiNoContentResponse({ description: 'ThinQ accepted the command.' })
  @ApiProblems(400, 401, 403, 404, 409, 429, 502, 503, 504)
  async command(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Param() { deviceId }: ApplianceParamsDto,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    await this.appliances.command(ctx, principal, deviceId, body);
  }
}
