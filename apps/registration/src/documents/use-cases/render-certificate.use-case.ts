import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { NoCertificateError } from '../../payments/domain/payment';
import { RegistrationNotFoundError } from '../../registrations/domain/registration-errors';
import { RegistrationRepository } from '../../registrations/infrastructure/registration.repository';
import { SessionRepository } from '../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../tenants/infrastructure/tenant-directory.repository';
import { certificate } from '../domain/certificate';
import { documentSession } from '../domain/document-session';
import { PdfRenderer } from '../infrastructure/pdf-renderer';

/**
 * The attestation de présence of an attended registration: for the coordinator, and for the
 * participant through a link of theirs. Any other status answers 409 (nothing to certify).
 */
@Injectable()
export class RenderCertificateUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly tenants: TenantDirectoryRepository,
    private readonly renderer: PdfRenderer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(tenantId: string, registrationId: string): Promise<Buffer> {
    const data = await runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const registration = await this.registrations.find(manager, tenantId, registrationId);
      if (!registration) throw new RegistrationNotFoundError();
      if (registration.status !== 'attended') throw new NoCertificateError();
      const session = (await this.sessions.find(manager, tenantId, registration.sessionId))!;
      const policy = await this.tenants.policy(manager, tenantId);
      return certificate({
        ...documentSession(policy.name, session),
        participant: registration,
        issuedAt: this.clock.now(),
        registrationId: registration.id,
      });
    });
    return this.renderer.render(data);
  }
}
