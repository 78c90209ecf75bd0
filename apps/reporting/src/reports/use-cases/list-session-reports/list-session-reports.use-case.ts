import { Injectable, Inject } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { SESSION_ROWS_LAYOUT } from '../../domain/report-groups';
import { ReportModel } from '../../domain/report-model';
import { ReportRepository } from '../../infrastructure/report.repository';
import { scopeOf } from '../report-scope';
import { describeScope, PROTECTION_NOTE, ReportQuery } from '../report.query';
import { sessionReportRow } from '../get-session-report/session-report-row';

/** Every non-confidential session in scope with its figures, by start. */
@Injectable()
export class ListSessionReportsUseCase {
  constructor(
    private readonly reports: ReportRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ReportQuery) {
    const now = this.clock.now();
    return this.reports.read(query.tenantId, async (reader) => {
      const input = await reader.loadSessions(scopeOf(query, now), { waitlistPeaks: true });
      const model = ReportModel.build(input, SESSION_ROWS_LAYOUT);
      return {
        scope: describeScope(query, reader.generation.generation, now),
        protection: PROTECTION_NOTE,
        sessions: model.sessions().map((row) => sessionReportRow(row.session, row.figures, row.waitlistPeak)),
        confidentialSessionsNotListed: input.sessions.filter((s) => s.confidential).length,
      };
    });
  }
}
