import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@respire/contracts';
import { DeliveryLog, DeliveryMeta } from '../deliveries/delivery-log';
import {
  AccountMessageInput,
  accountMessage,
  Addressee,
  participantMessage,
  ParticipantMessageInput,
} from '../messages/domain/participant-message';
import { SessionCopy, SessionSnapshot } from '../sessions/domain/session-copy';
import { PrivacyRepository } from '../privacy/infrastructure/privacy.repository';
import { RegistrationCopy } from './domain/registration-copy';
import { RegistrationRepository } from './infrastructure/registration.repository';
import { RegistrationContext } from './registration-context';

/** What a registration event tells about its participant and session. */
export interface ParticipantEventData extends Addressee {
  sessionId: string;
  session: SessionSnapshot;
}

/** The registration's state after the event. */
export type RegistrationState = Pick<
  RegistrationCopy,
  'status' | 'links' | 'notifiedSequence' | 'remindersFrom'
>;

/** The message to the participant, once the session is known. */
export type ParticipantNotice = Pick<ParticipantMessageInput, 'template' | 'variables' | 'calendar'>;

/**
 * Every message to a participant is recorded here: built by participantMessage (one recipient,
 * confidential sessions named neutrally) or accountMessage, then written to the delivery log in
 * the caller's transaction. `apply` is the shape of every registration event handler that
 * writes to the participant: load the tenant and session (RegistrationContext), record the
 * registration's new state, and record the message, if the event calls for one and the session
 * is not already over. Returns the delivery id, or null when this message was already recorded.
 */
@Injectable()
export class ParticipantNotifier {
  constructor(
    private readonly context: RegistrationContext,
    private readonly registrations: RegistrationRepository,
    private readonly deliveries: DeliveryLog,
    private readonly privacy: PrivacyRepository,
  ) {}

  async apply(
    manager: EntityManager,
    event: EventEnvelope<ParticipantEventData>,
    state: (session: SessionCopy) => RegistrationState,
    notice: (session: SessionCopy) => ParticipantNotice | null,
  ): Promise<SessionCopy> {
    const { tenantId, data } = event;
    const { tenant, session, over } = await this.context.load(manager, event);
    // An event about someone erased since (another partition, a replay) writes nothing back.
    const erased = await this.privacy.isErased(manager, tenantId, data.participantId);
    await this.registrations.save(manager, {
      tenantId,
      registrationId: data.registrationId,
      sessionId: data.sessionId,
      participantId: data.participantId,
      email: erased ? null : data.email,
      firstName: erased ? null : data.firstName,
      ...state(session),
    });
    const message = over || erased ? null : notice(session);
    if (message) {
      await this.notify(
        manager,
        { tenant, session, to: { ...data }, causeId: event.id, ...message },
        { correlationId: event.correlationId },
      );
    }
    return session;
  }

  /** A message about a session, everything already loaded by the caller. */
  notify(
    manager: EntityManager,
    input: ParticipantMessageInput,
    meta: DeliveryMeta = {},
  ): Promise<string | null> {
    return this.deliveries.record(manager, participantMessage(input), meta);
  }

  /** Several messages about sessions in one statement (a batch of due reminders). */
  notifyMany(
    manager: EntityManager,
    messages: { input: ParticipantMessageInput; meta?: DeliveryMeta }[],
  ): Promise<(string | null)[]> {
    return this.deliveries.recordMany(
      manager,
      messages.map(({ input, meta }) => ({ request: participantMessage(input), meta })),
    );
  }

  /** A message about no session (the access link). */
  notifyAccount(
    manager: EntityManager,
    input: AccountMessageInput,
    meta: DeliveryMeta = {},
  ): Promise<string | null> {
    return this.deliveries.record(manager, accountMessage(input), meta);
  }
}
