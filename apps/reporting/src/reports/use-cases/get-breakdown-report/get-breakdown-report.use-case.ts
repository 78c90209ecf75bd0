import { Injectable, Inject } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { CROSS_ACTIVITY_DIMENSIONS, GroupDimension, ReportModel } from '../../domain/report-model';
import { ReportRepository } from '../../infrastructure/report.repository';
import { scopeOf } from '../report-scope';
import { describeScope, PROTECTION_NOTE, ReportQuery } from '../report.query';

/** Figures per activity, category, programme, venue or month, with unique and returning participants. */
@Injectable()
export class GetBreakdownReportUseCase {
  constructor(
    private readonly reports: ReportRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ReportQuery, dimension: GroupDimension) {
    const now = this.clock.now();
    return this.reports.read(query.tenantId, async (reader) => {
      const model = ReportModel.build(await reader.load(scopeOf(query, now), { participants: [dimension] }));
      const crossesActivities = CROSS_ACTIVITY_DIMENSIONS.includes(dimension);
      return {
        scope: describeScope(query, reader.generation.generation, now),
        protection: PROTECTION_NOTE,
        dimension,
        /** Venue and month rows leave confidential activities out; so does their total. */
        excludesConfidentialActivities: crossesActivities,
        rows: model.rows(dimension),
        total: crossesActivities ? model.totalNonConfidential() : model.total(),
      };
    });
  }
}
