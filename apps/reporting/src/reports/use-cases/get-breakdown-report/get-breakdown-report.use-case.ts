import { Injectable, Inject } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { CROSS_ACTIVITY_DIMENSIONS, GroupDimension } from '../../domain/report-groups';
import { ReportModel } from '../../domain/report-model';
import { ReportRepository } from '../../infrastructure/report.repository';
import { readReport } from '../report-scope';
import { ReportQuery } from '../report.query';

/** Figures per activity, category, programme, venue or month, with unique and returning participants. */
@Injectable()
export class GetBreakdownReportUseCase {
  constructor(
    private readonly reports: ReportRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ReportQuery, dimension: GroupDimension) {
    return readReport(this.reports, query, this.clock.now(), async (reader, scope, header) => {
      const model = ReportModel.build(await reader.load(scope, { participants: [dimension] }));
      const crossesActivities = CROSS_ACTIVITY_DIMENSIONS.includes(dimension);
      return {
        ...header,
        dimension,
        /** Venue and month rows leave confidential activities out; so does their total. */
        excludesConfidentialActivities: crossesActivities,
        rows: model.rows(dimension),
        total: crossesActivities ? model.totalNonConfidential() : model.total(),
      };
    });
  }
}
