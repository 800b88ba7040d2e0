import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { HealthService, LivenessDto, ReadinessDto } from './health.service';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness', description: 'The process is up and its event loop turns.' })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness',
    description:
      'Ready when Redis answers (and the instance is not shutting down). Upstream states are reported but do not make the instance unready: restarting the gateway cannot fix an upstream, and cached routes still serve.',
  })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiProblems(503)
  ready(): Promise<ReadinessDto> {
    return this.health.readiness();
  }
}
