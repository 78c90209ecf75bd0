import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { DeliveryLog } from '../../deliveries/delivery-log';
import { MessageComposer } from '../../messages/message-composer';
import { participantMessage } from '../../messages/domain/participant-message';
import { RegistrationCopy } from '../../registrations/domain/registration-copy';
import { RegistrationRepository } from '../../registrations/infrastructure/registration.repository';
import { PrivacyRepository } from '../../privacy/infrastructure/privacy.repository';
import { SessionCopy } from '../../sessions/domain/session-copy';
import { SessionRepository } from '../../sessions/infrastructure/session.repository';
import { TemplateKey } from '../../templates/domain/template-key';
import { TemplateSources } from '../../templates/template-sources';
import { TenantDirectoryRepository } from '../../tenants/infrastructure/tenant-directory.repository';
import {
  MessageKeyReusedError,
  messageIdOf,
  paragraphsOf,
  requestHashOf,
  SessionMessageDraft,
  SessionUnknownError,
  statusesOf,
} from '../domain/session-message';
import { SessionMessageRepository } from '../infrastructure/session-message.repository';

/** What the preview shows in place of each person's first name. */
const FIRST_NAME_PLACEHOLDER = '[prénom]';

export interface SessionMessagePreview {
  recipients: number;
  subject: string;
  html: string;
  text: string;
}

export interface SentSessionMessage {
  id: string;
  recipients: number;
  /** True when the Idempotency-Key had already sent it: nothing was sent again. */
  replayed: boolean;
}

/**
 * A coordinator writes to a session's confirmed and/or waitlisted people. Each person gets
 * their own mail (template `session-message`: their first name, the session as it may be shown
 * — neutral for a confidential activity), recorded in the delivery log with the message as its
 * cause, so nobody gets it twice and nobody sees another recipient. The preview renders the
 * same mail and counts who would get it.
 */
@Injectable()
export class SessionMessagesUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectoryRepository,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly privacy: PrivacyRepository,
    private readonly messages: SessionMessageRepository,
    private readonly deliveries: DeliveryLog,
    private readonly sources: TemplateSources,
    private readonly composer: MessageComposer,
  ) {}

  preview(tenantId: string, sessionId: string, draft: SessionMessageDraft): Promise<SessionMessagePreview> {
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const session = await this.sessionOf(manager, tenantId, sessionId);
      const recipients = await this.recipients(manager, tenantId, session, draft);
      const tenant = await this.tenants.settings(manager, tenantId);
      const { source } = await this.sources.sourceOf(manager, tenantId, TemplateKey.SessionMessage);
      const sample = participantMessage({
        tenant,
        session,
        to: {
          registrationId: session.sessionId,
          participantId: session.sessionId,
          email: 'apercu@respire.invalid',
          firstName: FIRST_NAME_PLACEHOLDER,
        },
        template: TemplateKey.SessionMessage,
        causeId: session.sessionId,
        variables: this.variables(draft),
      });
      const rendered = this.composer.render(source, sample.context, this.composer.layoutOf(tenant, null));
      return { recipients: recipients.length, ...rendered };
    });
  }

  send(
    tenantId: string,
    sessionId: string,
    draft: SessionMessageDraft,
    request: { idempotencyKey: string; sentBy: string; correlationId?: string; now: Date },
  ): Promise<SentSessionMessage> {
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const id = messageIdOf(tenantId, request.idempotencyKey);
      const hash = requestHashOf(sessionId, draft);
      const session = await this.sessionOf(manager, tenantId, sessionId);
      const claimed = await this.messages.claim(manager, {
        tenantId,
        id,
        sessionId,
        key: request.idempotencyKey,
        hash,
        subject: draft.subject,
        body: draft.text,
        audience: draft.audience,
        sentBy: request.sentBy,
        now: request.now,
      });
      if (!claimed) {
        const earlier = (await this.messages.byKey(manager, tenantId, request.idempotencyKey))!;
        if (earlier.requestHash !== hash) throw new MessageKeyReusedError();
        return { id: earlier.id, recipients: earlier.recipients, replayed: true };
      }
      const tenant = await this.tenants.settings(manager, tenantId);
      const recipients = await this.recipients(manager, tenantId, session, draft);
      for (const r of recipients) {
        await this.deliveries.record(
          manager,
          participantMessage({
            tenant,
            session,
            to: {
              registrationId: r.registrationId,
              participantId: r.participantId,
              email: r.email!,
              firstName: r.firstName ?? '',
            },
            template: TemplateKey.SessionMessage,
            causeId: id,
            variables: this.variables(draft),
          }),
          { causeKind: 'coordinator-message', correlationId: request.correlationId ?? null },
        );
      }
      await this.messages.setRecipients(manager, tenantId, id, recipients.length);
      return { id, recipients: recipients.length, replayed: false };
    });
  }

  private variables(draft: SessionMessageDraft) {
    return { message: { subject: draft.subject, paragraphs: paragraphsOf(draft.text) } };
  }

  private async sessionOf(manager: EntityManager, tenantId: string, sessionId: string): Promise<SessionCopy> {
    const session = await this.sessions.find(manager, tenantId, sessionId);
    if (!session) throw new SessionUnknownError();
    return session;
  }

  /** The people the draft goes to: one per address (a person holds one place per session), never an erased one. */
  private async recipients(
    manager: EntityManager,
    tenantId: string,
    session: SessionCopy,
    draft: SessionMessageDraft,
  ): Promise<RegistrationCopy[]> {
    const copies = await this.registrations.bySession(
      manager,
      tenantId,
      session.sessionId,
      statusesOf(draft.audience),
    );
    const seen = new Set<string>();
    const out: RegistrationCopy[] = [];
    for (const copy of copies) {
      if (!copy.email || seen.has(copy.email)) continue;
      if (await this.privacy.isErased(manager, tenantId, copy.participantId)) continue;
      seen.add(copy.email);
      out.push(copy);
    }
    return out;
  }
}
