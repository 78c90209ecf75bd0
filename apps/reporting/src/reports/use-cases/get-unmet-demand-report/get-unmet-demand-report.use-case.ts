import { Injectable } from '@nestjs/common';
import { ReportUseCase } from '../report-scope';
import { ReportQuery } from '../report.query';

/** People still waitlisted when sessions started, by activity and month, and the sessions that would have served them. */
@Injectable()
export class GetUnmetDemandReportUseCase extends ReportUseCase {
  execute(query: ReportQuery) {
    return this.totals(query, {}, ({ model, header }) => ({ ...header, ...model.unmetDemand() }));
  }
}
