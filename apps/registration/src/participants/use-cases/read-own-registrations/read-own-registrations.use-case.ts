import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { AccessTokens } from '../../../links/access-token';
import { linkExpiresAt } from '../../../links/link-expiry';
import { ParticipantLinks } from '../../../links/link-token';
import { InvalidLinkError } from '../../../registrations/domain/registration-errors';
import {
  ParticipantRepository,
  StoredParticipant,
} from '../../../registrations/infrastructure/participant.repository';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { RegistrationView } from '../../../registrations/domain/registration-view';
import { toParticipantSession } from '../../../registrations/dto/registration.response';
import { SessionCopy } from '../../../sessions/domain/session-copy';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';

/** What the "my registrations" page shows of the participant: their own details, to check or correct. */
export function ownDetails(p: StoredParticipant) {
  return {
    email: p.email,
    firstName: p.firstName,
    lastName: p.lastName,
    profession: p.profession,
    practiceMode: p.practiceMode,
    postcode: p.postcode,
  };
}

/**
 * A participant's page, opened with the link mailed to their address: their details and their
 * current registrations (confirmed, waitlisted, offered, in sessions not over), each with the
 * participant links to act on it (cancel; accept or decline an offer), signed as the mails sign
 * them. 403 for a token that is not genuine, 410 once it has expired.
 */
@Injectable()
export class ReadOwnRegistrationsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: AccessTokens,
    private readonly links: ParticipantLinks,
    private readonly tenants: TenantDirectoryRepository,
    private readonly participants: ParticipantRepository,
    private readonly registrations: RegistrationRepository,
    private readonly sessions: SessionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(token: string) {
    const now = this.clock.now();
    const { tenantId, participantId, expiresAt } = this.tokens.verify(token, now);
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const participant = await this.participants.find(manager, tenantId, participantId);
      if (!participant) throw new InvalidLinkError(); // erased since the link was mailed
      const current = await this.registrations.currentForParticipant(manager, tenantId, participantId, now);
      const attended = await this.registrations.attendedByParticipant(manager, tenantId, participantId);
      const sessions = await this.sessions.findMany(manager, tenantId, [
        ...new Set([...current, ...attended].map((r) => r.sessionId)),
      ]);
      const policy = await this.tenants.policy(manager, tenantId);
      return {
        tenantSlug: policy.slug,
        expiresAt: expiresAt.toISOString(),
        participant: ownDetails(participant),
        registrations: current.map((r) => this.entry(r, sessions.get(r.sessionId)!)),
        attended: attended.map((r) => {
          const session = sessions.get(r.sessionId)!;
          return {
            id: r.id,
            session: toParticipantSession(session),
            links: {
              certificate: this.links.certificateUrl(r.tenantId, r.id, linkExpiresAt('certificate', session)),
            },
          };
        }),
      };
    });
  }

  private entry(r: RegistrationView, session: SessionCopy) {
    const link = (action: 'cancel' | 'accept' | 'decline') =>
      this.links.url(
        r.tenantId,
        r.id,
        action,
        linkExpiresAt(action, { ...session, offerExpiresAt: r.offerExpiresAt }),
      );
    const offered = r.status === 'offered' && r.offerExpiresAt !== null;
    return {
      id: r.id,
      status: r.status,
      ...(r.waitlistPosition !== null ? { waitlistPosition: r.waitlistPosition } : {}),
      ...(offered ? { offerExpiresAt: r.offerExpiresAt!.toISOString() } : {}),
      session: toParticipantSession(session),
      links: {
        cancel: link('cancel'),
        ...(offered ? { accept: link('accept'), decline: link('decline') } : {}),
      },
    };
  }
}
