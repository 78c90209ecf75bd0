import { Injectable } from '@nestjs/common';
import { ReportUseCase } from '../report-scope';
import { ReportQuery } from '../report.query';

/**
 * Ratings per activity (distribution and mean) and the comments participants agreed to have
 * quoted: the most recent (`TESTIMONIALS_SHOWN`) and how many older ones are not shown.
 */
@Injectable()
export class GetSatisfactionReportUseCase extends ReportUseCase {
  execute(query: ReportQuery) {
    return this.totals(query, { ratings: true, testimonials: true }, ({ model, header, input }) => ({
      ...header,
      ...model.satisfaction()!,
      testimonials: input.testimonials!.shown,
      testimonialsNotShown: input.testimonials!.notShown,
    }));
  }
}
