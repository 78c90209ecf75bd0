import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Outbox, outboxRows } from '@respire/messaging';
import { runInTenantTransaction, TRANSACTION_RETRY_BUDGET_MS } from '@respire/tenancy';
import { isUniqueViolation, retryTransient, CLOCK, Clock } from '@respire/platform';
import { RegistrationMetrics } from '../../../infrastructure/registration.metrics';
import { SessionCopy } from '../../../sessions/domain/session-copy';
import { TenantPolicy } from '../../../tenants/domain/tenant-policy';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import {
  AlreadyRegisteredError,
  IdempotencyKeyReusedError,
  SessionNotFoundError,
  TenantNotFoundError,
} from '../../domain/registration-errors';
import { Newcomer, SessionSeats } from '../../domain/session-seats';
import { EventCause, RegistrationEvents } from '../../events/registration-events';
import { assertPracticeModeEligible } from '../../domain/practice-mode-eligibility';
import { IdempotencyRepository, StoredAnswer } from '../../infrastructure/idempotency.repository';
import { ParticipantRepository, StoredParticipant } from '../../infrastructure/participant.repository';
import { RegistrationRepository } from '../../infrastructure/registration.repository';
import { RegistrationView } from '../../domain/registration-view';
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
 * Registers a participant to a session: a seat if one is free and nobody is waiting, else the
 * end of the waitlist (SessionSeats).
 *
 * Anyone can type anyone's address, so on the public route the answer never tells whether the
 * address was already registered: when it holds a registration to the session already, nothing
 * changes, the answer is the one a newcomer would get at this moment (a seat, or the end of the
 * waitlist, with an id that names nothing), and the participant is told their real status by
 * mail (registration.repeat-requested). A known address keeps its stored details: the form's
 * name, profession and postcode do not overwrite them.
 *
 * Everything that does not need the session lock happens before it: the slug and policy, the
 * idempotency claim, the participant, the session's validation (SessionSeats.admit), both
 * possible events. A participant already registered is found by the function (it writes nothing).
 * Under the lock, ONE round trip (register_in_session) places the newcomer, writes the
 * registration, its event and the idempotency answer; then COMMIT. Concurrent requests (on any
 * number of API instances) thus take seats and waitlist places one after the other: seats are
 * never oversold (the database's CHECK would refuse it anyway) and waitlist positions follow
 * arrival without gaps.
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
    const known = await this.tenantOf(command);
    const tenantId = known.tenantId;
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

        const participant = await this.participants.ensure(manager, tenantId, command.participant, now);
        const policy = known.policy ?? (await this.tenants.policy(manager, tenantId));
        const newcomer: Newcomer =
          command.origin === 'public' ? { origin: 'public', profession: command.participant.profession } : { origin: command.origin };
        const cause = { correlationId: command.correlationId };
        const via = command.origin === 'coordinator' ? 'coordinator' : 'direct';
        const id = uuidv7();
        let session = await this.sessions.find(manager, tenantId, command.sessionId);
        for (;;) {
          if (!session) throw new SessionNotFoundError();
          new SessionSeats(session, policy, now).admit(newcomer);
          if (command.origin === 'public') assertPracticeModeEligible(session, command.participant.practiceMode);
          const view = newView(tenantId, id, session.id, participant, command.origin, now);
          const placed = await this.registrations.registerInSession(manager, {
            session,
            id,
            participantId: participant.id,
            origin: command.origin,
            confirmedVia: via,
            now,
            events: {
              confirmed: outboxRows([this.events.confirmed({ ...view, status: 'confirmed' }, session, via, now, cause)])[0],
              // The position is set under the lock.
              waitlisted: outboxRows([this.events.waitlisted({ ...view, status: 'waitlisted' }, session, 1, now, cause)])[0],
            },
            idempotency: command.idempotencyKey ? { scope: IDEMPOTENCY_SCOPE, key: command.idempotencyKey } : null,
          });
          if (placed.outcome === 'held') break;
          if (placed.outcome === 'gone') throw new SessionNotFoundError();
          if (placed.outcome === 'changed') {
            session = await this.sessions.find(manager, tenantId, command.sessionId); // locked by now
            continue;
          }
          const body: RegistrationAnswer = { id, sessionId: session.id, status: placed.outcome };
          if (placed.outcome === 'waitlisted') body.waitlistPosition = placed.position;
          return { status: 201, body, replayed: false };
        }
        return this.repeated(manager, command, session, policy, participant.id, now, cause);
      });
      if (!result.replayed) this.metrics.registrations.inc({ outcome: result.body.status });
      return result;
    } catch (error) {
      if (isUniqueViolation(error, 'registration_one_active_per_participant')) throw new AlreadyRegisteredError();
      throw error;
    }
  }

  /**
   * The participant already holds a registration of the session: a coordinator is told so; the
   * public gets the answer a newcomer would get now, and the participant their real status by mail.
   */
  private async repeated(
    manager: EntityManager,
    command: RegisterParticipantCommand,
    found: SessionCopy,
    policy: TenantPolicy,
    participantId: string,
    now: Date,
    cause: EventCause,
  ): Promise<Omit<RegisterParticipantResult, 'replayed'> & { replayed: false }> {
    if (command.origin === 'coordinator') throw new AlreadyRegisteredError();
    const session = (await this.sessions.lock(manager, found.tenantId, found.id))!;
    const heldId = await this.registrations.findActive(manager, session, participantId);
    const held = heldId ? await this.registrations.find(manager, session.tenantId, heldId) : null;
    if (!held) throw new Error(`registration of ${participantId} in ${session.id} vanished under the lock`);
    const placement = new SessionSeats(session, policy, now).place(await this.registrations.countWaitlisted(manager, session));
    await this.outbox.add(manager, this.events.repeatRequested(held, session, now, cause));
    const body: RegistrationAnswer = { id: uuidv7(), sessionId: session.id, status: placement.status };
    if (placement.status === 'waitlisted') body.waitlistPosition = placement.position;
    const answer = { status: 201, body };
    if (command.idempotencyKey) {
      await this.idempotency.saveAnswer(manager, session.tenantId, IDEMPOTENCY_SCOPE, command.idempotencyKey, answer);
    }
    return { ...answer, replayed: false };
  }

  /** The tenant, and its policy when the slug lookup already read it. */
  private async tenantOf(command: RegisterParticipantCommand): Promise<{ tenantId: string; policy?: TenantPolicy }> {
    if ('tenantId' in command.tenant) return { tenantId: command.tenant.tenantId };
    const { slug } = command.tenant;
    const tenant = await retryTransient(() => this.tenants.findBySlug(this.dataSource.manager, slug), {
      budgetMs: TRANSACTION_RETRY_BUDGET_MS,
    });
    if (!tenant) throw new TenantNotFoundError();
    return { tenantId: tenant.tenantId, policy: tenant };
  }
}

function newView(
  tenantId: string,
  id: string,
  sessionId: string,
  p: StoredParticipant,
  origin: RegisterParticipantCommand['origin'],
  now: Date,
): RegistrationView {
  return {
    tenantId,
    id,
    seq: '0',
    sessionId,
    participantId: p.id,
    status: 'waitlisted',
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
