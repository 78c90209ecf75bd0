import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Outbox } from '@respire/messaging';
import { runInTenantTransaction, TRANSACTION_RETRY_BUDGET_MS } from '@respire/tenancy';
import { isUniqueViolation, retryTransient, CLOCK, Clock } from '@respire/platform';
import { RegistrationMetrics } from '../../../infrastructure/registration.metrics';
import { freeSeats } from '../../../sessions/domain/session-copy';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import {
  AlreadyRegisteredError,
  IdempotencyKeyReusedError,
  SessionAlreadyStartedError,
  SessionCancelledError,
  SessionNotFoundError,
  TenantNotFoundError,
} from '../../domain/registration-errors';
import { assertOpenForRegistration, canPromote } from '../../domain/seat-rules';
import { assertPracticeModeEligible } from '../../domain/practice-mode-eligibility';
import { RegistrationEvents } from '../../events/registration-events';
import { IdempotencyRepository, StoredAnswer } from '../../infrastructure/idempotency.repository';
import { ParticipantRepository, StoredParticipant } from '../../infrastructure/participant.repository';
import { RegistrationRepository, RegistrationView } from '../../infrastructure/registration.repository';
import { RegisterParticipantCommand, requestHash } from './register-participant.command';

export interface RegistrationAnswer {
  id: string;
  sessionId: string;
  status: 'confirmed' | 'waitlisted';
  waitlistPosition?: number;
}

export interface RegisterParticipantResult {
  status: number;
  body: RegistrationAnswer;
  /** The answer comes from the first request with this Idempotency-Key. */
  replayed: boolean;
}

const IDEMPOTENCY_SCOPE = 'register';

/**
 * Registers a participant to a session: a seat if one is free for them, else the waitlist.
 *
 * Anyone can type anyone's address, so on the public route the answer never tells whether the
 * address was already registered: when it holds a registration to the session already, nothing
 * changes, the answer is the one a newcomer would get at this moment (a seat, or the end of the
 * waitlist, with an id that names nothing), and the participant is told their real status by
 * mail (registration.repeat-requested). A known address keeps its stored details: the form's
 * name, profession and postcode do not overwrite them.
 *
 * The session row is locked for the whole decision, so concurrent requests (on any number of
 * API instances) take seats and waitlist places one after the other: seats are never oversold
 * (the database's CHECK would refuse it anyway) and waitlist positions follow arrival without gaps.
 * Free seats already owed to waiting people (offers not yet made) are not taken by a newcomer.
 */
@Injectable()
export class RegisterParticipantUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectoryRepository,
    private readonly sessions: SessionRepository,
    private readonly participants: ParticipantRepository,
    private readonly registrations: RegistrationRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly outbox: Outbox,
    private readonly events: RegistrationEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: RegistrationMetrics,
  ) {}

  async execute(command: RegisterParticipantCommand): Promise<RegisterParticipantResult> {
    const tenantId = await this.tenantOf(command);
    try {
      const result = await runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
        const now = this.clock.now();
        const hash = requestHash(command);
        if (command.idempotencyKey) {
          const claim = await this.idempotency.claim(manager, tenantId, IDEMPOTENCY_SCOPE, command.idempotencyKey, hash, now);
          if (claim.kind === 'replay') {
            if (claim.requestHash !== hash) throw new IdempotencyKeyReusedError();
            if (!claim.answer) throw new Error('idempotency key claimed without an answer');
            return { ...(claim.answer as StoredAnswer & { body: RegistrationAnswer }), replayed: true };
          }
        }

        // Everything that does not need the session lock happens before it: the lock is held briefly.
        const participant = await this.participants.ensure(manager, tenantId, command.participant, now);
        const policy = await this.tenants.policy(manager, tenantId);
        const session = await this.sessions.lock(manager, tenantId, command.sessionId);
        if (!session) throw new SessionNotFoundError();
        if (command.origin === 'public') {
          assertOpenForRegistration(session, command.participant.profession, now);
          assertPracticeModeEligible(session, command.participant.practiceMode);
        } else {
          if (session.status === 'cancelled') throw new SessionCancelledError();
          if (session.status === 'completed' || session.startsAt <= now) throw new SessionAlreadyStartedError();
        }

        const waiting = await this.registrations.countWaitlisted(manager, session);
        const owedToWaitlist = canPromote(session, policy, now) ? waiting : 0;
        const status = freeSeats(session) > owedToWaitlist ? 'confirmed' : 'waitlisted';
        const cause = { correlationId: command.correlationId };
        const body: RegistrationAnswer = { id: uuidv7(), sessionId: session.id, status };
        if (status === 'waitlisted') body.waitlistPosition = waiting + 1;

        const heldId = await this.registrations.findActive(manager, session, participant.id);
        if (heldId) {
          if (command.origin === 'coordinator') throw new AlreadyRegisteredError();
          const held = await this.registrations.find(manager, tenantId, heldId);
          await this.outbox.add(manager, this.events.repeatRequested(held!, session, now, cause));
        } else {
          const via = command.origin === 'coordinator' ? 'coordinator' : 'direct';
          await this.registrations.insert(manager, session, {
            id: body.id,
            sessionId: session.id,
            participantId: participant.id,
            status,
            origin: command.origin,
            confirmedVia: status === 'confirmed' ? via : null,
            now,
          });
          const view = newView(tenantId, body.id, session.id, participant, status, command.origin, now);
          await this.outbox.add(
            manager,
            status === 'confirmed'
              ? this.events.confirmed(view, session, via, now, cause)
              : this.events.waitlisted(view, session, waiting + 1, now, cause),
          );
        }
        const answer = { status: 201, body };
        if (command.idempotencyKey) {
          await this.idempotency.saveAnswer(manager, tenantId, IDEMPOTENCY_SCOPE, command.idempotencyKey, answer);
        }
        return { ...answer, replayed: false };
      });
      if (!result.replayed) this.metrics.registrations.inc({ outcome: result.body.status });
      return result;
    } catch (error) {
      if (isUniqueViolation(error, 'registration_one_active_per_participant')) throw new AlreadyRegisteredError();
      throw error;
    }
  }

  private async tenantOf(command: RegisterParticipantCommand): Promise<string> {
    if ('tenantId' in command.tenant) return command.tenant.tenantId;
    const { slug } = command.tenant;
    const tenant = await retryTransient(() => this.tenants.findBySlug(this.dataSource.manager, slug), {
      budgetMs: TRANSACTION_RETRY_BUDGET_MS,
    });
    if (!tenant) throw new TenantNotFoundError();
    return tenant.tenantId;
  }
}

function newView(
  tenantId: string,
  id: string,
  sessionId: string,
  p: StoredParticipant,
  status: 'confirmed' | 'waitlisted',
  origin: RegisterParticipantCommand['origin'],
  now: Date,
): RegistrationView {
  return {
    tenantId,
    id,
    seq: '0',
    sessionId,
    participantId: p.id,
    status,
    origin,
    confirmedVia: null,
    createdAt: now,
    statusChangedAt: now,
    offeredAt: null,
    offerExpiresAt: null,
    cancelledBy: null,
    cancellationReason: null,
    lateCancellation: null,
    movedFrom: null,
    feedbackGiven: false,
    email: p.email,
    firstName: p.firstName,
    lastName: p.lastName,
    profession: p.profession,
    practiceMode: p.practiceMode,
    postcode: p.postcode,
    department: p.department,
    waitlistPosition: null,
  };
}
