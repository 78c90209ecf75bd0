import { Injectable, Inject } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DomainError, CLOCK, Clock } from '@respire/platform';
import { ReportModel } from '../../domain/report-model';
import { ReportRepository } from '../../infrastructure/report.repository';
import { scopeOf } from '../report-scope';
import { describeScope, PROTECTION_NOTE, ReportQuery } from '../report.query';
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
 * One session's figures. They are protected together with the other sessions of the scope
 * (by default the session's month, as the month's session list shows them), so that this view
 * and that list never show different cells of the same session.
 */
@Injectable()
export class GetSessionReportUseCase {
  constructor(
    private readonly reports: ReportRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ReportQuery & { sessionId: string }) {
    const now = this.clock.now();
    return this.reports.read(query.tenantId, async (reader) => {
      const header = await reader.sessionHeader(query.sessionId);
      if (!header) throw new SessionReportNotFoundError();
      const month = DateTime.fromISO(header.localDate);
      const scope: ReportQuery = {
        ...query,
        from: query.from ?? (query.to ? null : month.startOf('month').toISODate()),
        to: query.to ?? (query.from ? null : month.endOf('month').toISODate()),
      };
      const described = describeScope(scope, reader.generation.generation, now);
      if (header.confidential) {
        return {
          scope: described,
          protection: PROTECTION_NOTE,
          ...header,
          confidential: true,
          /** Confidential activities are reported only as whole activities. */
          figures: null,
        };
      }
      const model = ReportModel.build(await reader.load(scopeOf(scope, now), { waitlistPeaks: true }));
      const row = model.session(query.sessionId);
      if (!row) throw new SessionOutOfScopeError();
      return { scope: described, protection: PROTECTION_NOTE, ...sessionReportRow(row), confidential: false };
    });
  }
}
