import { Injectable } from '@nestjs/common';
import { DomainError } from '@respire/platform';
import { sliceOf } from '../../domain/report-figures';
import { figuresOf } from '../../domain/report-model';
import { ReportUseCase } from '../report-scope';
import { ReportQuery } from '../report.query';
import { sessionReportRow } from './session-report-row';

export class SessionReportNotFoundError extends DomainError {
  constructor() {
    super('session_not_found', 'Séance introuvable.', 404);
  }
}

export class SessionOutOfScopeError extends DomainError {
  constructor() {
    super('session_out_of_scope', "La période ou le programme demandés n'incluent pas cette séance.", 400);
  }
}

/**
 * One session's figures, for the coordinator who runs it: operational, not published. They
 * already see who registered and who came, so small-count protection would hide nothing from
 * them and only blur their own figures ("<5" attended on a 3-seat session): the counts are exact
 * (`protection: null`). What leaves the CPTS (funder report, exports, breakdowns, session lists)
 * stays protected. A confidential activity's session still shows no figures: those activities
 * are reported only as whole activities.
 */
@Injectable()
export class GetSessionReportUseCase extends ReportUseCase {
  execute(query: ReportQuery & { sessionId: string }) {
    return this.read(query, async (reader, scope, reportHeader) => {
      const header = await reader.sessionHeader(query.sessionId);
      if (!header) throw new SessionReportNotFoundError();
      if (header.confidential) {
        return {
          ...reportHeader,
          ...header,
          confidential: true,
          /** Confidential activities are reported only as whole activities. */
          figures: null,
        };
      }
      const input = await reader.loadSessions(
        { ...scope, sessionId: query.sessionId },
        { waitlistPeaks: true },
      );
      const [session] = input.sessions;
      if (!session) throw new SessionOutOfScopeError();
      const figures = figuresOf([sliceOf(session)], session.people, {
        show: (metric) => session.people[metric],
        visible: () => true,
      });
      const waitlistPeak = input.waitlistPeaks?.get(session.sessionId) ?? 0;
      return {
        scope: reportHeader.scope,
        protection: null,
        ...sessionReportRow(session, figures, waitlistPeak),
        confidential: false,
      };
    });
  }
}
