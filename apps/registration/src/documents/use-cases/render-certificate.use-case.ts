import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { NoCertificateError } from '../../payments/domain/payment';
import { RegistrationNotFoundError } from '../../registrations/domain/registration-errors';
import { certificate } from '../domain/certificate';
import { documentSession } from '../domain/document-session';
import { DocumentSources } from '../infrastructure/document-sources';

/**
 * The attestation de présence of an attended registration: for the coordinator, and for the
 * participant through a link of theirs. Any other status answers 409 (nothing to certify).
 */
@Injectable()
export class RenderCertificateUseCase {
  constructor(
    private readonly documents: DocumentSources,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(tenantId: string, registrationId: string): Promise<Buffer> {
    const { sessions, registrations, tenants } = this.documents;
    return this.documents.render(tenantId, async (manager) => {
      const registration = await registrations.find(manager, tenantId, registrationId);
      if (!registration) throw new RegistrationNotFoundError();
      if (registration.status !== 'attended') throw new NoCertificateError();
      const session = (await sessions.find(manager, tenantId, registration.sessionId))!;
      const policy = await tenants.policy(manager, tenantId);
      return certificate({
        ...documentSession(policy.name, session),
        participant: registration,
        issuedAt: this.clock.now(),
        registrationId: registration.id,
      });
    });
  }
}
