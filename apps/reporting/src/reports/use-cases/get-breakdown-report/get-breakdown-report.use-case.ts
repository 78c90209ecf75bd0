import { Injectable } from '@nestjs/common';
import { CROSS_ACTIVITY_DIMENSIONS, GroupDimension } from '../../domain/report-groups';
import { ReportUseCase } from '../report-scope';
import { ReportQuery } from '../report.query';

/** Figures per activity, category, programme, venue or month, with unique and returning participants. */
@Injectable()
export class GetBreakdownReportUseCase extends ReportUseCase {
  execute(query: ReportQuery, dimension: GroupDimension) {
    return this.totals(query, { participants: [dimension] }, ({ model, header }) => {
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
