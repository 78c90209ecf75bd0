import { Injectable } from '@nestjs/common';
import { SESSION_ROWS_LAYOUT } from '../../domain/report-groups';
import { ReportModel } from '../../domain/report-model';
import { ReportUseCase } from '../report-scope';
import { ReportQuery } from '../report.query';
import { sessionReportRow } from '../get-session-report/session-report-row';

/** Every non-confidential session in scope with its figures, by start. */
@Injectable()
export class ListSessionReportsUseCase extends ReportUseCase {
  execute(query: ReportQuery) {
    return this.read(query, async (reader, scope, header) => {
      const input = await reader.loadSessions(scope, { waitlistPeaks: true });
      const model = ReportModel.build(input, SESSION_ROWS_LAYOUT);
      return {
        ...header,
        sessions: model.sessions().map((row) => sessionReportRow(row.session, row.figures, row.waitlistPeak)),
        confidentialSessionsNotListed: input.sessions.filter((s) => s.confidential).length,
      };
    });
  }
}
