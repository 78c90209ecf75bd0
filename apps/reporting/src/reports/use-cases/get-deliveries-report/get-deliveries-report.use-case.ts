import { Injectable, Inject } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { ReportRepository } from '../../infrastructure/report.repository';
import { scopeOf } from '../report-scope';
import { describeScope, ReportQuery } from '../report.query';

/** Messages sent and failed per template and channel (messages, not people: no suppression). */
@Injectable()
export class GetDeliveriesReportUseCase {
  constructor(
    private readonly reports: ReportRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ReportQuery) {
    const now = this.clock.now();
    return this.reports.read(query.tenantId, async (reader) => ({
      scope: describeScope(query, reader.generation.generation, now),
      rows: await reader.deliveries(scopeOf(query, now)),
    }));
  }
}
