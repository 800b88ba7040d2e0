import { Controller, Get, HttpCode } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Public } from '../common/access/public.decorator';
import {
  HealthService,
  LivenessDto,
  ReadinessDto,
  ReadinessProblemDto,
  UpstreamCheckDto,
} from './health.service';

@ApiTags('operations')
@ApiExtraModels(UpstreamCheckDto, ReadinessProblemDto)
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
  @ApiResponse({
    status: 503,
    description: 'Not ready: Redis is unreachable or the instance is shutting down.',
    content: {
      'application/problem+json': { schema: { $ref: getSchemaPath(ReadinessProblemDto) } },
    },
  })
  ready(): Promise<ReadinessDto> {
    return this.health.readiness();
  }
}
