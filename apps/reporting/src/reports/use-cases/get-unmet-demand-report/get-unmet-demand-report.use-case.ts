import { Injectable, Inject } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { ReportModel } from '../../domain/report-model';
import { ReportRepository } from '../../infrastructure/report.repository';
import { readReport } from '../report-scope';
import { ReportQuery } from '../report.query';

/** People still waitlisted when sessions started, by activity and month, and the sessions that would have served them. */
@Injectable()
export class GetUnmetDemandReportUseCase {
  constructor(
    private readonly reports: ReportRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ReportQuery) {
    return readReport(this.reports, query, this.clock.now(), async (reader, scope, header) => {
      const model = ReportModel.build(await reader.load(scope));
      return {
        ...header,
        ...model.unmetDemand(),
      };
    });
  }
}
