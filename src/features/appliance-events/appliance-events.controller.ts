import { Controller, Get, Headers, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentContext, RequestContext } from '../../common/context/request-context';
import { CurrentPrincipal, Principal, RequireScopes } from '../../common/access/principal';
import { AcceptsTicket, StreamTickets } from '../../auth/tickets/stream-tickets';
import { NoCompression } from '../../common/http/compression';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import { ApplianceDto } from '../appliances/appliance.dto';
import {
  ApplianceEventsQueryDto,
  EVENT_MODELS,
  EVENT_STREAM_CONTENT,
  EventTicketDto,
} from './appliance-events.dto';
import { ApplianceEventsService } from './appliance-events.service';

export const EVENTS_TICKET_PURPOSE = 'appliance-events';

const STREAM_DESCRIPTION = `A live view of the linked ThinQ account's appliances as [server-sent events](https://html.spec.whatwg.org/multipage/server-sent-events.html) (\`text/event-stream\`): one stream carries every appliance (or those named by \`deviceId\`).

**Events** (\`event:\` name, then \`data:\`, one JSON document; schemas under \`x-junction-events\` of the answer and in the Schemas list):

| event | data | when |
| --- | --- | --- |
| \`snapshot\` | \`{deviceId, status}\`: \`status\` as \`GET /v1/appliances/{deviceId}/status\` answers it | first, for every appliance; again after a \`device-error\`, or when the client is too far behind |
| \`status\` | \`{deviceId, status}\`: only what changed (merge: objects property by property, located lists by \`locationName\`, \`null\` = gone) | the device changed (pushed by ThinQ, polled, or right after a command) |
| \`device-added\` | the appliance, as in \`GET /v1/appliances\` (its \`snapshot\` follows) | the account has a new device (streams of all devices) |
| \`device-removed\` | \`{deviceId}\` | the account no longer has it |
| \`device-error\` | \`{deviceId, code, status, detail}\` (\`DEVICE_OFFLINE\`...) | the device cannot be read; its last values stand |
| \`notification\` | \`{deviceId, code, at}\`: ThinQ's code (\`WASHING_IS_COMPLETE\`...) | ThinQ pushed a notification of the device (with ThinQ push on) |
| \`quota\` | \`{exhausted, retryAfterSeconds?}\` | the account's hourly ThinQ call budget is spent (\`true\`: the last values stand) or back (\`false\`) |
| \`error\` | a problem (as problem+json) | last event: the session ended, the link was removed or replaced, ThinQ refuses the token; close the stream (reconnecting is refused) |
| \`shutdown\` | \`{reason, detail}\` | last event: this instance stops; reconnect (another instance carries on from \`Last-Event-ID\`) |

Every event has an \`id\` (where the stream stands on each device): a client that reconnects with \`Last-Event-ID\` (or \`lastEventId\`) gets exactly what it missed, per device, or a fresh \`snapshot\` when that is too old (\`APPLIANCE_EVENTS_HISTORY\` events per device). A comment line (\`:\`) every \`APPLIANCE_EVENTS_HEARTBEAT_MS\` (15 s) keeps proxies from closing an idle stream; \`retry:\` tells \`EventSource\` how long to wait before reconnecting.

**Auth.** \`Authorization: Bearer\` (fetch-based clients), or, for \`EventSource\` (which cannot send headers), a single-use ticket from \`POST /v1/appliances/events/tickets\` as \`?ticket=\`. The stream belongs to the session, not the token: it goes on past the token's expiry, and ends with \`error\` when the session ends or the ThinQ link is removed.

**Cost.** However many streams, sessions and gateway instances watch a device, ThinQ is polled for it at most once per \`APPLIANCE_EVENTS_POLL_MS\` (5 s), through the same cache as \`GET .../status\`, on the account's hourly budget; polls slow down as the budget runs low. With ThinQ push, a device ThinQ pushes for is read only as a safety check (\`APPLIANCE_EVENTS_PUSH_SAFETY_POLL_MS\`, 10 min): its changes arrive pushed. The list is read every \`APPLIANCE_EVENTS_LIST_POLL_MS\` (5 min).

**Limits.** At most \`APPLIANCE_EVENTS_MAX_STREAMS_PER_SESSION\` (4) open streams per session (429 \`TOO_MANY_STREAMS\`; a browser has about six HTTP/1.1 connections per origin: one stream for every appliance is the point). A client that stops reading is dropped once \`APPLIANCE_EVENTS_BUFFER_BYTES\` (64 KiB) wait for it. Not compressed. Swagger UI's "Try it out" waits for the stream to end: use curl (\`curl -N\`) or an \`EventSource\`.`;

@ApiTags('appliances')
@ApiBearerAuth('bearer')
@RequireScopes('appliances')
@ApiExtraModels(...EVENT_MODELS, ApplianceDto)
@Controller('v1/appliances/events')
export class ApplianceEventsController {
  constructor(
    private readonly events: ApplianceEventsService,
    private readonly tickets: StreamTickets,
  ) {}

  @Get()
  @AcceptsTicket(EVENTS_TICKET_PURPOSE)
  @NoCompression()
  @ApiOperation({
    summary: 'Live appliance status (server-sent events)',
    description: STREAM_DESCRIPTION,
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description:
      'The `id` of the last event received: the stream resumes from there. An id the gateway did not write starts the stream afresh (snapshots).',
    schema: { type: 'string' },
  })
  @ApiOkResponse({
    description:
      'The stream: events as they come, until the client leaves or an `error` or `shutdown` event.',
    content: EVENT_STREAM_CONTENT,
  })
  @ApiProblems(400, 401, 403, 404, 429, 502, 503, 504)
  async stream(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Query() query: ApplianceEventsQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.events.open(
      ctx,
      principal,
      { deviceIds: query.deviceId, lastEventId: lastEventId ?? query.lastEventId },
      request,
      reply,
    );
  }

  @Post('tickets')
  @HttpCode(201)
  @ApiOperation({
    summary: 'A ticket for EventSource',
    description:
      'A single-use ticket, valid for 30 s, that opens `GET /v1/appliances/events?ticket=...` in the name of this session (a browser\u2019s `EventSource` cannot send the `Authorization` header; the access token never goes into a URL). Redis keeps only its SHA-256 digest; using it (or 30 s) ends it. Ask for a new one for every new `EventSource`, and pass the last event id as `lastEventId`.',
  })
  @ApiCreatedResponse({ type: EventTicketDto })
  @ApiProblems(401, 403, 429, 503)
  ticket(@CurrentPrincipal() principal: Principal): Promise<EventTicketDto> {
    return this.tickets.issue(principal, EVENTS_TICKET_PURPOSE);
  }
}
