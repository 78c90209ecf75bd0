import { Injectable, Inject } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { ReportModel } from '../../domain/report-model';
import { ReportRepository } from '../../infrastructure/report.repository';
import { scopeOf } from '../report-scope';
import { describeScope, PROTECTION_NOTE, ReportQuery } from '../report.query';

/** People still waitlisted when sessions started, by activity and month, and the sessions that would have served them. */
@Injectable()
export class GetUnmetDemandReportUseCase {
  constructor(
    private readonly reports: ReportRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ReportQuery) {
    const now = this.clock.now();
    return this.reports.read(query.tenantId, async (reader) => {
      const model = ReportModel.build(await reader.load(scopeOf(query, now)));
      return {
        scope: describeScope(query, reader.generation.generation, now),
        protection: PROTECTION_NOTE,
        ...model.unmetDemand(),
      };
    });
  }
}
