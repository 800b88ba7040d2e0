import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentContext, RequestContext } from '../../common/context/request-context';
import { CurrentPrincipal, Principal, RequireScopes } from '../../common/access/principal';
import { applyCacheHeaders, CACHE_HEADERS } from '../../cache/cache-headers';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import {
  ConferenceLicenseDto,
  ConferenceRoomParamsDto,
  ConferenceSessionDto,
  ConferenceUsageDto,
  ConferenceUsageQueryDto,
} from './conference.dto';
import { ConferenceService } from './conference.service';

const GATEWAY_JWT =
  ' Read with the gateway\u2019s own Interwater credential (no linked account needed); when ' +
  'Interwater refuses it even after a fresh one, 502 `UPSTREAM_CREDENTIALS_REJECTED`.';
const CACHED = (fresh: string, stale: string): string =>
  ` Cached for ${fresh} (\`x-cache\`, \`age\`, \`cache-control\`), served stale ${stale}.`;

/** Interwater s-connector video conference: license, live rooms, usage. */
@ApiTags('conference')
@ApiBearerAuth('bearer')
@Controller('v1/conference')
export class ConferenceController {
  constructor(private readonly conference: ConferenceService) {}

  @Get('license')
  @RequireScopes('conference:admin')
  @ApiOperation({
    summary: 'The conference license',
    description:
      'Interwater `GET /v1/info` without its `{status, data}` envelope; `enabled` is a boolean ' +
      '(Interwater sends 0 or 1) and `createdAt` ISO 8601 in UTC. Needs `conference:admin`.' +
      GATEWAY_JWT +
      CACHED('5 minutes', 'for a minute while refreshing and up to an hour when Interwater fails'),
  })
  @ApiOkResponse({
    type: ConferenceLicenseDto,
    description: 'The license.',
    headers: CACHE_HEADERS,
  })
  @ApiProblems(401, 403, 429, 502, 503, 504)
  async license(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConferenceLicenseDto> {
    const cached = await this.conference.license(ctx, principal);
    applyCacheHeaders(reply, cached);
    return cached.value;
  }

  @Get('sessions')
  @RequireScopes('conference:read')
  @ApiOperation({
    summary: 'Rooms in session',
    description:
      'Interwater `GET /v1/sessions` without its envelope: every room open now, waiting ' +
      '(`WAIT`) or in a meeting (`ON_GOING`), with its participant count `user`. An empty list ' +
      'when none is open. Needs `conference:read`.' +
      GATEWAY_JWT +
      CACHED('5 seconds', 'for 5 more while refreshing and up to 30 seconds when Interwater fails'),
  })
  @ApiOkResponse({
    type: [ConferenceSessionDto],
    description: 'Rooms open now.',
    headers: CACHE_HEADERS,
  })
  @ApiProblems(401, 403, 429, 502, 503, 504)
  async sessions(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConferenceSessionDto[]> {
    const cached = await this.conference.sessions(ctx, principal);
    applyCacheHeaders(reply, cached);
    return cached.value;
  }

  @Get('sessions/:roomName')
  @RequireScopes('conference:read')
  @ApiOperation({
    summary: 'One room in session',
    description:
      'Interwater `GET /v1/sessions/{room_name}` without its envelope. 404 `ROOM_NOT_FOUND` when ' +
      'no room of that name is in session. Needs `conference:read`.' +
      GATEWAY_JWT +
      CACHED(
        '5 seconds',
        'for 5 more while refreshing and up to 30 seconds when Interwater fails',
      ) +
      ' A 404 is not cached.',
  })
  @ApiOkResponse({ type: ConferenceSessionDto, description: 'The room.', headers: CACHE_HEADERS })
  @ApiProblems(400, 401, 403, 404, 429, 502, 503, 504)
  async session(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Param() params: ConferenceRoomParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConferenceSessionDto> {
    const cached = await this.conference.session(ctx, principal, params.roomName);
    applyCacheHeaders(reply, cached);
    return cached.value;
  }

  @Get('usage')
  @RequireScopes('conference:admin')
  @ApiOperation({
    summary: 'Conference usage over a range of days',
    description:
      'Interwater `GET /v1/static?startTime=&endTime=` without its envelope. `from` is required, ' +
      '`to` optional (without it the range runs to now); both `YYYY-MM-DD` real dates, days in ' +
      'UTC and inclusive, and `to` not before `from` (400 `VALIDATION_FAILED` otherwise; unknown ' +
      'parameters are refused too). The answer keeps Interwater\u2019s field names, as the ' +
      'contract keeps every Interwater name: `totalSecond` is the total in seconds and `detail` ' +
      'lists each session (`roomName`, `sessionTimeSecond`, `createdAt` ISO 8601 in UTC). ' +
      'Needs `conference:admin`. Not cached.' +
      GATEWAY_JWT,
  })
  @ApiOkResponse({ type: ConferenceUsageDto, description: 'Usage over the range.' })
  @ApiProblems(400, 401, 403, 429, 502, 503, 504)
  usage(
    @CurrentContext() ctx: RequestContext,
    @Query() query: ConferenceUsageQueryDto,
  ): Promise<ConferenceUsageDto> {
    return this.conference.usage(ctx, { from: query.from, to: query.to });
  }
}
