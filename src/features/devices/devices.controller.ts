import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentContext, RequestContext } from '../../common/context/request-context';
import { CurrentPrincipal, Principal } from '../../common/access/principal';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import { DeviceListDto } from './devices.dto';
import { DevicesService } from './devices.service';

@ApiTags('screens')
@ApiBearerAuth('bearer')
@Controller('v1/devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Get()
  @ApiOperation({
    summary: 'All devices of the session',
    description:
      "Elexir Legacy therapy devices and LG ThinQ appliances in one list. Only linked accounts are asked, in parallel, each under its own deadline (AGGREGATE_SOURCE_TIMEOUT_MS). A source that fails or is too slow leaves its devices out and is listed in `errors` with the status and code its own route would have answered; the answer is still 200. Only when every asked source fails is the answer a 502 problem (with the same `errors`). A session with nothing linked gets an empty list. No extra scope is needed beyond a valid session; each source uses its own route's cache (the appliances are `GET /v1/appliances`' cached list, so this route spends no ThinQ call while it is fresh). A source answered from that cache because it could not be asked (its hourly call budget is spent, it failed, or it is slow) is listed in `warnings` with the reason; its devices stay in `items`. When every asked source failed for its spent call budget with nothing cached, the answer is 429 `UPSTREAM_QUOTA_EXHAUSTED` with `Retry-After`.",
  })
  @ApiOkResponse({ type: DeviceListDto })
  @ApiProblems(401, 403, 429, 502, 503)
  list(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeviceListDto> {
    return this.devices.list(ctx, principal);
  }
}
