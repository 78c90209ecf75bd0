import { applyDecorators, Injectable } from '@nestjs/common';
import { EventEnvelope } from '@respire/contracts';
import { EventContext, HandleEvent } from '@respire/messaging';
import { SEAT_EFFECTS, SEAT_EVENTS, SeatEventType } from '../domain/seat-holds';
import { SessionRepository } from '../infrastructure/session.repository';

/**
 * Keeps each session's count of held seats (SEAT_HOLDING_STATUSES in libs/contracts) from the registration
 * service's events: the public programme's places left, and the floor under a capacity change.
 * Runs in the consumer's transaction (inbox: a redelivery changes nothing).
 */
@Injectable()
export class SeatCountConsumer {
  constructor(private readonly sessions: SessionRepository) {}

  @applyDecorators(...SEAT_EVENTS.map(HandleEvent))
  async onRegistrationEvent(
    event: EventEnvelope<{ registrationId: string; sessionId: string }>,
    { manager, tenantId }: EventContext,
  ): Promise<void> {
    const effect = SEAT_EFFECTS[event.type as SeatEventType];
    if (!effect) return;
    await this.sessions.recordSeat(manager, {
      tenantId,
      sessionId: event.data.sessionId,
      registrationId: event.data.registrationId,
      status: effect.status,
      holdsSeat: effect.holdsSeat,
      at: new Date(event.occurredAt),
    });
  }
}
