import { Injectable } from '@nestjs/common';
import { DomainError } from '@respire/platform';
import { IdempotencyKeyReusedError, TenantNotFoundError } from '../../domain/registration-errors';
import { RegisterParticipantCommand } from '../register-participant/register-participant.command';
import {
  RegisterParticipantUseCase,
  RegistrationAnswer,
} from '../register-participant/register-participant.use-case';

export type SessionOutcome =
  RegistrationAnswer | { sessionId: string; status: 'refused'; error: string; message: string };

export interface RegisterForSessionsCommand extends Omit<RegisterParticipantCommand, 'sessionId'> {
  sessionIds: string[];
}

/**
 * One form, several dates: each session is registered on its own (its own transaction and seat
 * decision, confirmed or waitlisted independently), one after the other, so a refusal of one
 * (registration closed, profession not eligible…) leaves the others as they are and says why.
 * A retry with the same Idempotency-Key replays each session's first answer: the key of each
 * session's registration is `<key>:<sessionId>`.
 */
@Injectable()
export class RegisterForSessionsUseCase {
  constructor(private readonly register: RegisterParticipantUseCase) {}

  async execute(
    command: RegisterForSessionsCommand,
  ): Promise<{ registrations: SessionOutcome[]; replayed: boolean }> {
    const { sessionIds, ...common } = command;
    const registrations: SessionOutcome[] = [];
    let replayed = sessionIds.length > 0;
    for (const sessionId of sessionIds) {
      const idempotencyKey = common.idempotencyKey ? `${common.idempotencyKey}:${sessionId}` : null;
      try {
        const result = await this.register.execute({ ...common, sessionId, idempotencyKey });
        registrations.push(result.body);
        replayed &&= result.replayed;
      } catch (error) {
        // What concerns the whole request fails it whole.
        const whole = error instanceof TenantNotFoundError || error instanceof IdempotencyKeyReusedError;
        if (whole || !(error instanceof DomainError)) throw error;
        registrations.push({ sessionId, status: 'refused', error: error.code, message: error.message });
        replayed = false;
      }
    }
    return { registrations, replayed };
  }
}
