import { applyDecorators, Controller, Get, Headers } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { revalidationRequested } from '../../cache/cache-headers';
import { CurrentContext, RequestContext } from '../../common/context/request-context';
import { CurrentPrincipal, Principal } from '../../common/access/principal';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import { DeviceListDto } from './devices.dto';
import { DevicesService } from './devices.service';

/**
 * Declares what `Cache-Control: no-cache` does on an aggregate: every cached part's source is
 * asked again, within its call budget; a refusal or failure serves the cached part, marked stale.
 */
export function ApiRevalidation(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'cache-control',
      required: false,
      description:
        '`no-cache` (or `max-age=0`) asks every source again even when the gateway\u2019s cache is fresh (concurrent requests of one account share one call). Each ThinQ revalidation spends one call of the linked account\u2019s hourly budget (THINQ_HOURLY_CALL_BUDGET; reads never spend the command reserve). When the budget is spent or the source fails or is slow, the cached part is served anyway and `freshness` marks it `stale` with the reason (`UPSTREAM_QUOTA_EXHAUSTED`, with `retryAfterSeconds`); a part with nothing cached is listed in `errors`. Without it, a fresh cached part is served as `cached` with its age and costs no call.',
      schema: { type: 'string', example: 'no-cache' },
    }),
  );
}

@ApiTags('screens')
@ApiBearerAuth('bearer')
@Controller('v1/devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Get()
  @ApiOperation({
    summary: 'All devices of the session',
    description:
      "Elexir Legacy therapy devices and LG ThinQ appliances in one list. Only linked accounts are asked, in parallel, each under its own deadline (AGGREGATE_SOURCE_TIMEOUT_MS). A source that fails or is too slow leaves its devices out and is listed in `errors` with the status and code its own route would have answered; the answer is still 200. Only when every asked source fails is the answer a 502 problem (with the same `errors`). A session with nothing linked gets an empty list. No extra scope is needed beyond a valid session; each source uses its own route's cache (the appliances are `GET /v1/appliances`' cached list, so this route spends no ThinQ call while it is fresh). A source answered from that cache because it could not be asked (its hourly call budget is spent, it failed, or it is slow) is listed in `warnings` with the reason; its devices stay in `items`. When every asked source failed for its spent call budget with nothing cached, the answer is 429 `UPSTREAM_QUOTA_EXHAUSTED` with `Retry-After`. `freshness` says, per source in `items`, whether its devices are `live` (fetched for this request), `cached` (with their age) or `stale` (with their age and the reason). `Cache-Control: no-cache` asks every source again (see the header).",
  })
  @ApiRevalidation()
  @ApiOkResponse({ type: DeviceListDto })
  @ApiProblems(401, 403, 429, 502, 503)
  list(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Headers('cache-control') cacheControl?: string,
  ): Promise<DeviceListDto> {
    return this.devices.list(ctx, principal, { revalidate: revalidationRequested(cacheControl) });
  }
}
