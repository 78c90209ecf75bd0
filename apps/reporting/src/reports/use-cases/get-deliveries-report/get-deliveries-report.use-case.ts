import { Injectable, Inject } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { ReportRepository } from '../../infrastructure/report.repository';
import { readReport } from '../report-scope';
import { ReportQuery } from '../report.query';

/** Messages sent and failed per template and channel (messages, not people: no suppression). */
@Injectable()
export class GetDeliveriesReportUseCase {
  constructor(
    private readonly reports: ReportRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ReportQuery) {
    return readReport(this.reports, query, this.clock.now(), async (reader, scope, header) => ({
      /** Messages, not people: no protection note. */
      scope: header.scope,
      rows: await reader.deliveries(scope),
    }));
  }
}
