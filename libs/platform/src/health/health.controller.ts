import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../http/public.decorator';
import { ReadinessRegistry } from './readiness.registry';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  /** The process answers; says nothing about its dependencies. */
  @Get('live')
  @ApiOkResponse({ description: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  /**
   * Can this process serve its requests: 200 while the required dependencies answer (the
   * database), `degraded` when an optional one does not (Kafka, Redis: events wait in the outbox,
   * timers are rebuilt from the database), 503 only when a required one does not.
   */
  @Get('ready')
  @ApiOkResponse({
    description: 'Required dependencies answer (status ok, or degraded when an optional one does not)',
  })
  @ApiServiceUnavailableResponse({ description: 'A required dependency does not answer' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const { ok, complete, checks } = await this.readiness.run();
    void reply.status(ok ? 200 : 503);
    return { status: ok ? (complete ? 'ok' : 'degraded') : 'unavailable', checks };
  }
}
