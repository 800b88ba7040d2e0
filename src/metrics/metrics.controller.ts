import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/access/public.decorator';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics', description: 'Text exposition format 0.0.4.' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'The metrics of this instance (of every worker, with GATEWAY_WORKERS above 1).',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  async metricsText(): Promise<string> {
    return this.metrics.render();
  }
}
