import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@respire/contracts';
import { DeliveryLog } from '../deliveries/delivery-log';
import {
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
 * The shape of every registration event handler that writes to the participant: load the
 * tenant and session (RegistrationContext), record the registration's new state, and record
 * the message, if the event calls for one and the session is not already over.
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
    const { tenant, session, over } = await this.context.load(
      manager,
      tenantId,
      data.sessionId,
      data.session,
    );
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
      await this.deliveries.record(
        manager,
        participantMessage({ tenant, session, to: { ...data }, causeId: event.id, ...message }),
        { correlationId: event.correlationId },
      );
    }
    return session;
  }
}
