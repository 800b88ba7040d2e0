import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentContext, RequestContext } from '../../common/context/request-context';
import { CurrentPrincipal, Principal, RequireScopes } from '../../common/access/principal';
import { applyCacheHeaders, CACHE_HEADERS } from '../../cache/cache-headers';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import {
  CheckedTherapyDeviceDto,
  DeviceIdParamsDto,
  DeviceLastUseDto,
  RegisterTherapyDeviceDto,
  TherapyDeviceDto,
  TherapyLogDto,
  TherapyLogInputDto,
  TherapyLogsQueryDto,
  UniqueIdParamsDto,
  UniqueIdQueryDto,
} from './therapy.dto';
import { LiveSessionDto, LiveSessionInputDto } from './live-session.dto';
import { TherapyService } from './therapy.service';

const LEGACY = ' Needs a linked Elexir Legacy account (403 `ACCOUNT_NOT_LINKED` otherwise).';
const CACHED =
  ' Cached per user for 30 s (`x-cache`, `age`, `cache-control`), dropped when the user registers ' +
  'or unregisters a device.';

/** Elexir Legacy therapy devices and their use (Nueyne Legacy device API). */
@ApiTags('therapy')
@ApiBearerAuth('bearer')
@RequireScopes('therapy')
@Controller('v1/therapy')
export class TherapyController {
  constructor(private readonly therapy: TherapyService) {}

  @Get('devices')
  @ApiOperation({
    summary: 'The registered therapy devices',
    description:
      'Legacy `GET /api/v1/legacy/device/my-devices`: the devices registered to the account.' +
      CACHED +
      LEGACY,
  })
  @ApiOkResponse({ type: [TherapyDeviceDto], headers: CACHE_HEADERS })
  @ApiProblems(401, 403, 502, 503, 504)
  async devices(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TherapyDeviceDto[]> {
    const cached = await this.therapy.devices(ctx, principal);
    applyCacheHeaders(reply, cached);
    return cached.value;
  }

  @Get('devices/check')
  @ApiOperation({
    summary: 'Check a device before connecting it',
    description:
      'Legacy `GET /api/v1/legacy/device/check-device?unique_id=`: whether the device can be ' +
      'connected and registered; call it before connecting. Answers the device (with `userId` ' +
      'when it is already this user’s). 400 `DEVICE_NOT_REGISTERED` (no serial from the factory), ' +
      '404 `DEVICE_NOT_FOUND`, 409 `DEVICE_ALREADY_CONNECTED` (another user’s), 502 ' +
      '`DEVICE_CONNECTION_FAILED`.' +
      LEGACY,
  })
  @ApiOkResponse({ type: CheckedTherapyDeviceDto })
  @ApiProblems(400, 401, 403, 404, 409, 502, 503, 504)
  checkDevice(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Query() query: UniqueIdQueryDto,
  ): Promise<CheckedTherapyDeviceDto> {
    return this.therapy.checkDevice(ctx, principal, query.uniqueId);
  }

  @Post('devices')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Register a device',
    description:
      'Legacy `POST /api/v1/legacy/device/set-my-device` (query `serial_code`, `mac_id`, ' +
      '`unique_id`): registers the device to the account. Nueyne answers no device, so neither ' +
      'does this route; `GET /v1/therapy/devices` lists it at once. 400 `SERIAL_CODE_INVALID`, 404 ' +
      '`DEVICE_NOT_FOUND`, 409 `DEVICE_ALREADY_CONNECTED`, 502 `DEVICE_CONNECTION_FAILED`.' +
      LEGACY,
  })
  @ApiNoContentResponse({ description: 'Registered.' })
  @ApiProblems(400, 401, 403, 404, 409, 502, 503, 504)
  registerDevice(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Body() body: RegisterTherapyDeviceDto,
  ): Promise<void> {
    return this.therapy.registerDevice(ctx, principal, body);
  }

  @Delete('devices/:uniqueId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Unregister a device',
    description:
      'Legacy `PATCH /api/v1/legacy/device/un-connect?unique_id=`: removes the device from the ' +
      'account. 404 `DEVICE_NOT_FOUND` (unknown or not this user’s), 502 `DEVICE_DISCONNECT_FAILED`.' +
      LEGACY,
  })
  @ApiNoContentResponse({ description: 'Unregistered.' })
  @ApiProblems(400, 401, 403, 404, 502, 503, 504)
  unregisterDevice(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Param() params: UniqueIdParamsDto,
  ): Promise<void> {
    return this.therapy.unregisterDevice(ctx, principal, params.uniqueId);
  }

  @Get('devices/:deviceId/last-used')
  @ApiOperation({
    summary: 'When a device was last used',
    description:
      'Legacy `GET /api/v1/legacy/device/devlog/lasttime/{device_id}`: the start of the latest ' +
      'recorded use. 404 `NO_USAGE_RECORDED` when there is none. Also dropped from the cache when a ' +
      'log of that device is uploaded here.' +
      CACHED +
      LEGACY,
  })
  @ApiOkResponse({ type: DeviceLastUseDto, headers: CACHE_HEADERS })
  @ApiProblems(400, 401, 403, 404, 502, 503, 504)
  async lastUse(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Param() params: DeviceIdParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeviceLastUseDto> {
    const cached = await this.therapy.lastUse(ctx, principal, params.deviceId);
    applyCacheHeaders(reply, cached);
    return cached.value;
  }

  @Post('logs')
  @ApiOperation({
    summary: 'Upload a therapy log',
    description:
      'Legacy `POST /api/v1/legacy/device/devlog`: stores one usage record of a device and ' +
      'answers it as stored. `loggedAt` is sent in the Nueyne time zone. 400 ' +
      '`THERAPY_LOG_SAVE_FAILED` naming `deviceId` when Nueyne cannot store it (it knows no such ' +
      'device).' +
      LEGACY,
  })
  @ApiCreatedResponse({ type: TherapyLogDto })
  @ApiProblems(400, 401, 403, 502, 503, 504)
  uploadLog(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Body() body: TherapyLogInputDto,
  ): Promise<TherapyLogDto> {
    return this.therapy.uploadLog(ctx, principal, body);
  }

  @Get('logs')
  @ApiOperation({
    summary: 'Therapy logs of a month',
    description:
      'Legacy `GET /api/v1/legacy/device/my-devlog/{yyyy-mm}`: the logs the account uploaded for ' +
      'that month (by `loggedAt`), newest first; the current month when `month` is omitted. 502 ' +
      '`THERAPY_LOG_READ_FAILED` when Nueyne cannot read them.' +
      LEGACY,
  })
  @ApiOkResponse({ type: [TherapyLogDto] })
  @ApiProblems(400, 401, 403, 502, 503, 504)
  logs(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Query() query: TherapyLogsQueryDto,
  ): Promise<TherapyLogDto[]> {
    return this.therapy.logs(ctx, principal, query.month);
  }

  @Post('live-sessions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the start or the end of a session as it happens',
    description:
      'Legacy `POST /api/v1/elexir/device/devlog/temp`: a temporary usage record, so the use ' +
      'shows before the device uploads its log. Without `endedAt` it records the start ' +
      '(`finish_flag` 0, `last_date` ""); with `endedAt` and `finishFlag` it records the end of ' +
      'the session that has the same `deviceId` and `startedAt`. Answers the record (200 both ' +
      'times: Nueyne creates or updates it). 400 `THERAPY_LOG_SAVE_FAILED` naming `deviceId` ' +
      'when Nueyne cannot store it (it knows no such device).' +
      LEGACY,
  })
  @ApiOkResponse({ type: LiveSessionDto })
  @ApiProblems(400, 401, 403, 502, 503, 504)
  recordLiveSession(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Body() body: LiveSessionInputDto,
  ): Promise<LiveSessionDto> {
    return this.therapy.recordLiveSession(ctx, principal, body);
  }
}
