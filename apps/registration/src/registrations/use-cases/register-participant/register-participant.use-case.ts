import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Outbox, outboxRows } from '@respire/messaging';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { OutboxWake } from '../../../infrastructure/outbox-wake';
import { RegistrationMetrics } from '../../../infrastructure/registration.metrics';
import { TenantPolicy } from '../../../tenants/domain/tenant-policy';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
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
import { StoredParticipant } from '../../infrastructure/participant.repository';
import { RegistrationRepository } from '../../infrastructure/registration.repository';
import { RegistrationView } from '../../domain/registration-view';
import { RegisterParticipantCommand, requestHash } from './register-participant.command';
import { RegistrationContext } from './registration-context';

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

/** Calls of register_newcomer one registration may need (changed session, stored participant, races). */
const MAX_ATTEMPTS = 8;

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
 * Everything is decided before the write: the tenant and the session (RegistrationContext, read
 * at most every few seconds), the session's validation (SessionSeats.admit), both possible
 * events. Then ONE statement, register_newcomer, in its own implicit transaction: it checks the
 * assumptions (idempotency key unknown, session unchanged, participant as the events name them)
 * and writes the participant if new, the idempotency claim, and under the session lock the
 * registration placed by the rule, its event and the idempotency answer (then OutboxWake wakes
 * the relay). When an assumption
 * failed it wrote nothing and says which: the use case corrects it and calls again. Concurrent
 * requests (on any number of API instances) thus take seats and waitlist places one after the
 * other: seats are never oversold (the database's CHECK would refuse it anyway) and waitlist
 * positions follow arrival without gaps.
 */
@Injectable()
export class RegisterParticipantUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RegistrationContext,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly outbox: Outbox,
    private readonly events: RegistrationEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: RegistrationMetrics,
    private readonly outboxWake: OutboxWake,
  ) {}

  async execute(command: RegisterParticipantCommand): Promise<RegisterParticipantResult> {
    const policy = await this.context.tenant(command.tenant);
    if (!policy) throw new TenantNotFoundError();
    const tenantId = policy.tenantId;
    const now = this.clock.now();
    const idempotency = command.idempotencyKey
      ? { scope: IDEMPOTENCY_SCOPE, key: command.idempotencyKey, requestHash: requestHash(command) }
      : null;
    const newcomer: Newcomer =
      command.origin === 'public'
        ? { origin: 'public', profession: command.participant.profession }
        : { origin: command.origin };
    const cause = { correlationId: command.correlationId };
    const via = command.origin === 'coordinator' ? 'coordinator' : 'direct';
    const id = uuidv7();
    let participant: StoredParticipant = { id: uuidv7(), ...command.participant };
    let session = await this.context.session(tenantId, command.sessionId);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (!session) throw new SessionNotFoundError();
      new SessionSeats(session, policy, now).admit(newcomer);
      if (command.origin === 'public') assertPracticeModeEligible(session, command.participant.practiceMode);
      const view = newView(tenantId, id, session.id, participant, command.origin, now);
      // The waitlisted event's position is set under the lock.
      const newcomerEvents = this.events.newcomer(view, session, via, now, cause);
      const [confirmed, waitlisted] = outboxRows([newcomerEvents.confirmed, newcomerEvents.waitlisted]);
      const events = { confirmed, waitlisted };
      const placed = await this.registrations.registerNewcomer(this.dataSource.manager, {
        session,
        id,
        participant,
        origin: command.origin,
        confirmedVia: via,
        now,
        events,
        idempotency,
      });
      switch (placed.outcome) {
        case 'confirmed':
        case 'waitlisted': {
          this.outboxWake.ping();
          this.metrics.registrations.inc({ outcome: placed.outcome });
          const body: RegistrationAnswer = { id, sessionId: session.id, status: placed.outcome };
          if (placed.outcome === 'waitlisted') body.waitlistPosition = placed.position;
          return { status: 201, body, replayed: false };
        }
        case 'replay':
          return replay(placed, idempotency!.requestHash);
        case 'gone':
          throw new SessionNotFoundError();
        case 'changed':
          session = await this.context.fresh(tenantId, command.sessionId);
          break;
        case 'participant':
          participant = placed.participant;
          break;
        case 'held':
          return this.repeated(command, tenantId, policy, participant.id, idempotency, now, cause);
        case 'retry':
          break;
      }
    }
    throw new Error(`registration to ${command.sessionId}: still racing after ${MAX_ATTEMPTS} attempts`);
  }

  /**
   * The participant already holds a registration of the session: a coordinator is told so; the
   * public gets the answer a newcomer would get now, and the participant their real status by mail.
   */
  private async repeated(
    command: RegisterParticipantCommand,
    tenantId: string,
    policy: TenantPolicy,
    participantId: string,
    idempotency: { scope: string; key: string; requestHash: string } | null,
    now: Date,
    cause: EventCause,
  ): Promise<RegisterParticipantResult> {
    if (command.origin === 'coordinator') throw new AlreadyRegisteredError();
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      if (idempotency) {
        const claim = await this.idempotency.claim(
          manager,
          tenantId,
          idempotency.scope,
          idempotency.key,
          idempotency.requestHash,
          now,
        );
        if (claim.kind === 'replay') return replay(claim, idempotency.requestHash);
      }
      const session = await this.sessions.lock(manager, tenantId, command.sessionId);
      if (!session) throw new SessionNotFoundError();
      const heldId = await this.registrations.findActive(manager, session, participantId);
      const held = heldId ? await this.registrations.find(manager, session.tenantId, heldId) : null;
      if (!held) throw new Error(`registration of ${participantId} in ${session.id} vanished under the lock`);
      const placement = new SessionSeats(session, policy, now).place(
        await this.registrations.countWaitlisted(manager, session),
      );
      await this.outbox.add(manager, this.events.repeatRequested(held, session, now, cause));
      const body: RegistrationAnswer = { id: uuidv7(), sessionId: session.id, status: placement.status };
      if (placement.status === 'waitlisted') body.waitlistPosition = placement.position;
      const answer = { status: 201, body };
      if (idempotency)
        await this.idempotency.saveAnswer(
          manager,
          session.tenantId,
          idempotency.scope,
          idempotency.key,
          answer,
        );
      return { ...answer, replayed: false };
    });
  }
}

/** The first answer to this Idempotency-Key, if the request is the same. */
function replay(
  claim: { requestHash: string; answer: StoredAnswer | null },
  requestHash: string,
): RegisterParticipantResult {
  if (claim.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
  if (!claim.answer) throw new Error('idempotency key claimed without an answer');
  return { ...(claim.answer as StoredAnswer & { body: RegistrationAnswer }), replayed: true };
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
