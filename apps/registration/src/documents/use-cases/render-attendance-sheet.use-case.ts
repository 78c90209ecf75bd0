import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal, runInTenantTransaction } from '@respire/tenancy';
import { SessionNotFoundError } from '../../registrations/domain/registration-errors';
import { RegistrationRepository } from '../../registrations/infrastructure/registration.repository';
import { assertMaySeeSession } from '../../registrations/use-cases/record-attendance/record-attendance.use-case';
import { SessionRepository } from '../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../tenants/infrastructure/tenant-directory.repository';
import { attendanceSheet } from '../domain/attendance-sheet';
import { documentSession } from '../domain/document-session';
import { PdfRenderer } from '../infrastructure/pdf-renderer';

/** Who is on the sheet: the people holding a seat once offers are answered (confirmed, then checked in). */
const ON_THE_SHEET = new Set(['confirmed', 'attended', 'no_show']);

/** The feuille d'émargement of a session, for its coordinators and its facilitator (others: 403/404). */
@Injectable()
export class RenderAttendanceSheetUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly tenants: TenantDirectoryRepository,
    private readonly renderer: PdfRenderer,
  ) {}

  async execute(principal: Principal, sessionId: string): Promise<Buffer> {
    const tenantId = principal.tenantId!;
    const data = await runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const session = await this.sessions.find(manager, tenantId, sessionId);
      if (!session) throw new SessionNotFoundError();
      assertMaySeeSession(principal, session);
      const registrations = await this.registrations.listForSession(manager, tenantId, sessionId);
      const policy = await this.tenants.policy(manager, tenantId);
      return attendanceSheet({
        ...documentSession(policy.name, session),
        funder: session.funder,
        confidential: session.confidential,
        participants: registrations.filter((r) => ON_THE_SHEET.has(r.status)),
      });
    });
    return this.renderer.render(data);
  }
}
