import { Injectable } from '@nestjs/common';
import {
  EventEnvelope,
  PARTICIPANT_ERASED_V1,
  ParticipantErasedV1,
  REGISTRATION_ACCESS_LINK_REQUESTED_V1,
  RegistrationAccessLinkRequestedV1,
  REGISTRATION_ATTENDED_V1,
  REGISTRATION_CANCELLED_V1,
  REGISTRATION_CONFIRMED_V1,
  REGISTRATION_NO_SHOW_V1,
  REGISTRATION_OFFER_DECLINED_V1,
  REGISTRATION_OFFER_EXPIRED_V1,
  REGISTRATION_OFFERED_V1,
  REGISTRATION_REPEAT_REQUESTED_V1,
  REGISTRATION_WAITLISTED_V1,
  RegistrationAttendedV1,
  RegistrationCancelledV1,
  RegistrationConfirmedV1,
  RegistrationNoShowV1,
  RegistrationOfferDeclinedV1,
  RegistrationOfferedV1,
  RegistrationOfferExpiredV1,
  RegistrationRepeatRequestedV1,
  RegistrationWaitlistedV1,
} from '@respire/contracts';
import { EventContext, HandleEvent } from '@respire/messaging';
import { AnswerRepeatRequestUseCase } from '../use-cases/answer-repeat-request/answer-repeat-request.use-case';
import { CancelRegistrationUseCase } from '../use-cases/cancel-registration/cancel-registration.use-case';
import { ConfirmRegistrationUseCase } from '../use-cases/confirm-registration/confirm-registration.use-case';
import { EraseParticipantUseCase } from '../use-cases/erase-participant/erase-participant.use-case';
import { NotifyWaitlistUseCase } from '../use-cases/notify-waitlist/notify-waitlist.use-case';
import { RecordAttendanceUseCase } from '../use-cases/record-attendance/record-attendance.use-case';
import { SendAccessLinkUseCase } from '../use-cases/send-access-link/send-access-link.use-case';

/**
 * The registration events this service acts on. Each runs in the consumer's transaction (the
 * inbox row commits with the delivery rows), so a redelivered event records nothing twice.
 * registration.offer-accepted needs nothing: registration.confirmed (via 'offer') follows it.
 */
@Injectable()
export class RegistrationEventsConsumer {
  constructor(
    private readonly confirm: ConfirmRegistrationUseCase,
    private readonly cancel: CancelRegistrationUseCase,
    private readonly waitlist: NotifyWaitlistUseCase,
    private readonly attendance: RecordAttendanceUseCase,
    private readonly erase: EraseParticipantUseCase,
    private readonly repeat: AnswerRepeatRequestUseCase,
    private readonly accessLink: SendAccessLinkUseCase,
  ) {}

  @HandleEvent(REGISTRATION_ACCESS_LINK_REQUESTED_V1)
  onAccessLinkRequested(event: EventEnvelope<RegistrationAccessLinkRequestedV1>, { manager }: EventContext) {
    return this.accessLink.execute(manager, event);
  }

  @HandleEvent(REGISTRATION_REPEAT_REQUESTED_V1)
  onRepeatRequested(event: EventEnvelope<RegistrationRepeatRequestedV1>, { manager }: EventContext) {
    return this.repeat.execute(manager, event);
  }

  @HandleEvent(REGISTRATION_CONFIRMED_V1)
  onConfirmed(event: EventEnvelope<RegistrationConfirmedV1>, { manager }: EventContext) {
    return this.confirm.execute(manager, event);
  }

  @HandleEvent(REGISTRATION_CANCELLED_V1)
  onCancelled(event: EventEnvelope<RegistrationCancelledV1>, { manager }: EventContext) {
    return this.cancel.execute(manager, event);
  }

  @HandleEvent(REGISTRATION_WAITLISTED_V1)
  onWaitlisted(event: EventEnvelope<RegistrationWaitlistedV1>, { manager }: EventContext) {
    return this.waitlist.waitlisted(manager, event);
  }

  @HandleEvent(REGISTRATION_OFFERED_V1)
  onOffered(event: EventEnvelope<RegistrationOfferedV1>, { manager }: EventContext) {
    return this.waitlist.offered(manager, event);
  }

  @HandleEvent(REGISTRATION_OFFER_EXPIRED_V1)
  onOfferExpired(event: EventEnvelope<RegistrationOfferExpiredV1>, { manager }: EventContext) {
    return this.waitlist.offerExpired(manager, event);
  }

  @HandleEvent(REGISTRATION_OFFER_DECLINED_V1)
  onOfferDeclined(event: EventEnvelope<RegistrationOfferDeclinedV1>, { manager }: EventContext) {
    return this.waitlist.offerDeclined(manager, event);
  }

  @HandleEvent(REGISTRATION_ATTENDED_V1)
  onAttended(event: EventEnvelope<RegistrationAttendedV1>, { manager }: EventContext) {
    return this.attendance.attended(manager, event);
  }

  @HandleEvent(REGISTRATION_NO_SHOW_V1)
  onNoShow(event: EventEnvelope<RegistrationNoShowV1>, { manager }: EventContext) {
    return this.attendance.noShow(manager, event);
  }

  @HandleEvent(PARTICIPANT_ERASED_V1)
  onParticipantErased(event: EventEnvelope<ParticipantErasedV1>, { manager }: EventContext) {
    return this.erase.execute(manager, event);
  }
}
