import { Injectable } from '@nestjs/common';
import { Principal } from '@respire/tenancy';
import { SessionNotFoundError } from '../../registrations/domain/registration-errors';
import { assertMaySeeSession } from '../../registrations/use-cases/record-attendance/record-attendance.use-case';
import { attendanceSheet } from '../domain/attendance-sheet';
import { documentSession } from '../domain/document-session';
import { DocumentSources } from '../infrastructure/document-sources';

/** Who is on the sheet: the people holding a seat once offers are answered (confirmed, then checked in). */
const ON_THE_SHEET = new Set(['confirmed', 'attended', 'no_show']);

/** The feuille d'émargement of a session, for its coordinators and its facilitator (others: 403/404). */
@Injectable()
export class RenderAttendanceSheetUseCase {
  constructor(private readonly documents: DocumentSources) {}

  async execute(principal: Principal, sessionId: string): Promise<Buffer> {
    const tenantId = principal.tenantId!;
    const { sessions, tenants } = this.documents;
    return this.documents.render(tenantId, async (manager) => {
      const session = await sessions.find(manager, tenantId, sessionId);
      if (!session) throw new SessionNotFoundError();
      assertMaySeeSession(principal, session);
      const registrations = await this.documents.registrations.listForSession(manager, tenantId, sessionId);
      const policy = await tenants.policy(manager, tenantId);
      return attendanceSheet({
        ...documentSession(policy.name, session),
        funder: session.funder,
        confidential: session.confidential,
        participants: registrations.filter((r) => ON_THE_SHEET.has(r.status)),
      });
    });
  }
}
