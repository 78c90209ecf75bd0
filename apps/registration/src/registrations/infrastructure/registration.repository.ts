import { Injectable } from '@nestjs/common';
import { ExpressionBuilder, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { LockedSession } from '../../sessions/infrastructure/session.repository';
import { OutboxRow } from '@respire/messaging';
import { postgresErrorOf } from '@respire/platform';
import { camelRow } from '@respire/tenancy';
import { REGISTER_NEWCOMER_RACED } from '../../infrastructure/migrations/register-newcomer';
import { singleStatementWrite } from '../../infrastructure/single-statement-write';
import { DB, Registration } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
import {
  ParticipantRow,
  participantRow,
  StoredParticipant,
  toStoredParticipant,
} from './participant.repository';
import { SessionCopy } from '../../sessions/domain/session-copy';
import { canMove, ConfirmedVia, RegistrationStatus } from '../domain/registration-status';
import { StatusChange } from '../domain/session-seats';
import { RegistrationOrigin, RegistrationView } from '../domain/registration-view';

/** A registration with its participant's details (every column of the registration). */
function viewQuery(manager: EntityManager) {
  return db(manager)
    .selectFrom('registration as r')
    .innerJoin('participant as p', (join) =>
      join.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.id', '=', 'r.participant_id'),
    )
    .selectAll('r')
    .select([
      'p.email',
      'p.first_name',
      'p.last_name',
      'p.profession',
      'p.practice_mode',
      'p.postcode',
      'p.department',
    ]);
}

/** The views of one session's registrations. */
function sessionViewQuery(manager: EntityManager, session: LockedSession) {
  return viewQuery(manager)
    .where('r.tenant_id', '=', session.tenantId)
    .where('r.session_id', '=', session.id);
}

/** The views of one participant's registrations, with their session joined as `s`. */
function participantViewQuery(manager: EntityManager, tenantId: string, participantId: string) {
  return viewQuery(manager)
    .innerJoin('session as s', (join) =>
      join.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.session_id'),
    )
    .where('r.tenant_id', '=', tenantId)
    .where('r.participant_id', '=', participantId);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['executeTakeFirstOrThrow']>> & {
  /** A count: a bigint, which node-postgres answers as a string. */
  waitlist_position?: string | null;
};

/** A waitlisted registration's place: how many of its session wait since it or before (else null). */
function waitlistPosition(eb: ExpressionBuilder<DB & { r: Registration }, 'r'>) {
  return eb
    .case()
    .when('r.status', '=', 'waitlisted')
    .then(
      eb
        .selectFrom('registration as w')
        .select((w) => w.fn.countAll<string>().as('n'))
        .whereRef('w.tenant_id', '=', 'r.tenant_id')
        .whereRef('w.session_id', '=', 'r.session_id')
        .where('w.status', '=', 'waitlisted')
        .whereRef('w.seq', '<=', 'r.seq'),
    )
    .end()
    .as('waitlist_position');
}

function toView({ waitlist_position, ...row }: ViewRow): RegistrationView {
  const view: Omit<RegistrationView, 'waitlistPosition'> = camelRow(row);
  return { ...view, waitlistPosition: waitlist_position == null ? null : Number(waitlist_position) };
}

export interface NewRegistration {
  id: string;
  sessionId: string;
  participantId: string;
  status: RegistrationStatus;
  origin: RegistrationOrigin;
  confirmedVia: ConfirmedVia | null;
  movedFrom?: string | null;
  now: Date;
}

/** A newcomer's whole registration, in one round trip and one implicit transaction (register_newcomer). */
export interface NewcomerRegistration {
  /** The session as validated: its version is checked under the lock. */
  session: SessionCopy;
  id: string;
  /** The participant the events name: the form's details with a new id, or the stored participant. */
  participant: StoredParticipant;
  origin: RegistrationOrigin;
  confirmedVia: ConfirmedVia;
  now: Date;
  /** The outbox row written if the newcomer gets a seat, and the one if they are waitlisted (position set there). */
  events: { confirmed: OutboxRow; waitlisted: OutboxRow };
  idempotency: { scope: string; key: string; requestHash: string } | null;
}

export type NewcomerOutcome =
  | { outcome: 'confirmed' }
  | { outcome: 'waitlisted'; position: number }
  /** The idempotency key is known: nothing was written. */
  | { outcome: 'replay'; requestHash: string; answer: { status: number; body: unknown } | null }
  /** The session row changed since `session` was read: re-read, re-validate and call again. */
  | { outcome: 'changed' }
  | { outcome: 'gone' }
  /** The address is known with other details or id: call again with the stored participant. */
  | { outcome: 'participant'; participant: StoredParticipant }
  /** The participant already holds a registration of the session: nothing was written. */
  | { outcome: 'held' }
  /** A concurrent request won a race: nothing was written, call again. */
  | { outcome: 'retry' };

/** Written once: the call's text is the same for every registration (jsonb parameters as JSON text). */
const REGISTER_NEWCOMER_SQL = `SELECT * FROM register_newcomer($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9::jsonb,
  $10::jsonb, $11, $12, $13)`;

interface NewcomerRow {
  outcome: NewcomerOutcome['outcome'];
  waitlist_position: number | null;
  participant: ParticipantRow | null;
  request_hash: string | null;
  answer_status: number | null;
  answer_body: unknown;
}

/**
 * Registrations. Every status change takes the LockedSession of its session: the row lock that
 * serialises the seat decisions (and the trigger then counts the seats).
 */
@Injectable()
export class RegistrationRepository {
  /**
   * The newcomer's registration as ONE statement outside any transaction (register_newcomer):
   * the session lock is held from the lock to the commit inside PostgreSQL, never across a round
   * trip. A race lost after a write rolled everything back: `retry`.
   */
  async registerNewcomer(manager: EntityManager, input: NewcomerRegistration): Promise<NewcomerOutcome> {
    if (manager.queryRunner?.isTransactionActive)
      throw new Error('register_newcomer commits by itself: call it outside a transaction');
    const { session, participant, events, idempotency } = input;
    const values = [
      session.tenantId,
      session.id,
      session.version,
      input.id,
      JSON.stringify(participantRow(participant)),
      input.origin,
      input.confirmedVia,
      input.now,
      JSON.stringify(events.confirmed),
      JSON.stringify(events.waitlisted),
      idempotency?.scope ?? null,
      idempotency?.key ?? null,
      idempotency?.requestHash ?? null,
    ];
    // One statement in its own implicit transaction: on the pool (TypeORM's own), no query runner.
    const pool = (manager.connection.driver as PostgresDriver).master as {
      query(text: string, values: unknown[]): Promise<{ rows: NewcomerRow[] }>;
    };
    let rows: NewcomerRow[];
    try {
      ({ rows } = await singleStatementWrite(() => pool.query(REGISTER_NEWCOMER_SQL, values)));
    } catch (error) {
      if (postgresErrorOf(error)?.code === REGISTER_NEWCOMER_RACED) return { outcome: 'retry' };
      throw error;
    }
    const row = rows[0];
    switch (row.outcome) {
      case 'waitlisted':
        return { outcome: 'waitlisted', position: row.waitlist_position! };
      case 'replay':
        return {
          outcome: 'replay',
          requestHash: row.request_hash!,
          answer: row.answer_status === null ? null : { status: row.answer_status, body: row.answer_body },
        };
      case 'participant':
        return { outcome: 'participant', participant: toStoredParticipant(row.participant!) };
      default:
        return { outcome: row.outcome };
    }
  }

  async insert(manager: EntityManager, session: LockedSession, row: NewRegistration): Promise<void> {
    await db(manager)
      .insertInto('registration')
      .values({
        tenant_id: session.tenantId,
        id: row.id,
        session_id: session.id,
        participant_id: row.participantId,
        status: row.status,
        origin: row.origin,
        confirmed_via: row.confirmedVia,
        moved_from: row.movedFrom ?? null,
        created_at: row.now,
        status_changed_at: row.now,
      })
      .execute();
  }

  /**
   * Moves a registration from the status the caller read (under the session lock) to another one
   * the state machine allows; anything else is a bug, and the conditional update checks it again.
   */
  async changeStatus(
    manager: EntityManager,
    session: LockedSession,
    registration: { id: string; status: RegistrationStatus },
    change: StatusChange,
  ): Promise<void> {
    if (!canMove(registration.status, change.status)) {
      throw new Error(
        `registration ${registration.id}: ${registration.status} → ${change.status} is not allowed`,
      );
    }
    const offered = change.status === 'offered';
    const { numUpdatedRows } = await db(manager)
      .updateTable('registration')
      .set((eb) => ({
        status: change.status,
        status_changed_at: change.at,
        confirmed_via: eb.fn.coalesce(eb.val(change.confirmedVia ?? null), eb.ref('confirmed_via')),
        // An offer's time and expiry are set when it is made, and kept through what follows.
        ...(offered ? { offered_at: change.at, offer_expires_at: change.offerExpiresAt ?? null } : {}),
        cancelled_by: eb.fn.coalesce(eb.val(change.cancelledBy ?? null), eb.ref('cancelled_by')),
        cancellation_reason: eb.fn.coalesce(
          eb.val(change.cancellationReason ?? null),
          eb.ref('cancellation_reason'),
        ),
        late_cancellation: eb.fn.coalesce(
          eb.val(change.lateCancellation ?? null),
          eb.ref('late_cancellation'),
        ),
      }))
      .where('tenant_id', '=', session.tenantId)
      .where('id', '=', registration.id)
      .where('session_id', '=', session.id)
      .where('status', '=', registration.status)
      .executeTakeFirst();
    if (numUpdatedRows !== 1n)
      throw new Error(`registration ${registration.id} was not ${registration.status} any more`);
  }

  /** Shortens a pending offer (the session moved closer). */
  async capOfferExpiry(
    manager: EntityManager,
    session: LockedSession,
    registrationId: string,
    expiresAt: Date,
  ): Promise<void> {
    await db(manager)
      .updateTable('registration')
      .set({ offer_expires_at: expiresAt })
      .where('tenant_id', '=', session.tenantId)
      .where('id', '=', registrationId)
      .where('status', '=', 'offered')
      .where('session_id', '=', session.id)
      .execute();
  }

  async find(
    manager: EntityManager,
    tenantId: string,
    registrationId: string,
    lock = false,
  ): Promise<RegistrationView | null> {
    const row = await viewQuery(manager)
      .select(waitlistPosition)
      .where('r.tenant_id', '=', tenantId)
      .where('r.id', '=', registrationId)
      .$if(lock, (query) => query.forUpdate('r'))
      .executeTakeFirst();
    return row ? toView(row) : null;
  }

  /** The participant's registration in the session that still counts (confirmed, waitlisted, offered). */
  async findActive(
    manager: EntityManager,
    session: Pick<SessionCopy, 'tenantId' | 'id'>,
    participantId: string,
  ): Promise<string | null> {
    const row = await db(manager)
      .selectFrom('registration')
      .select('id')
      .where('tenant_id', '=', session.tenantId)
      .where('session_id', '=', session.id)
      .where('participant_id', '=', participantId)
      .where('status', 'in', ['confirmed', 'waitlisted', 'offered'])
      .executeTakeFirst();
    return row?.id ?? null;
  }

  async countWaitlisted(manager: EntityManager, session: LockedSession): Promise<number> {
    const { n } = await db(manager)
      .selectFrom('registration')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', session.tenantId)
      .where('session_id', '=', session.id)
      .where('status', '=', 'waitlisted')
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** Every registration of a session: seat holders and past ones by arrival, the waitlist by position. */
  async listForSession(
    manager: EntityManager,
    tenantId: string,
    sessionId: string,
  ): Promise<RegistrationView[]> {
    const rows = await viewQuery(manager)
      .select((eb) =>
        eb
          .case()
          .when('r.status', '=', 'waitlisted')
          .then(sql<string>`row_number() OVER (PARTITION BY r.status = 'waitlisted' ORDER BY r.seq)`)
          .end()
          .as('waitlist_position'),
      )
      .where('r.tenant_id', '=', tenantId)
      .where('r.session_id', '=', sessionId)
      .orderBy((eb) =>
        eb
          .case()
          .when('r.status', 'in', ['confirmed', 'attended', 'no_show'])
          .then(0)
          .when('r.status', '=', 'offered')
          .then(1)
          .when('r.status', '=', 'waitlisted')
          .then(2)
          .else(3)
          .end(),
      )
      .orderBy('r.seq')
      .execute();
    return rows.map(toView);
  }

  /** The first `limit` waitlisted registrations, first come first served. */
  async nextWaitlisted(
    manager: EntityManager,
    session: LockedSession,
    limit: number,
  ): Promise<RegistrationView[]> {
    if (limit <= 0) return [];
    const rows = await sessionViewQuery(manager, session)
      .where('r.status', '=', 'waitlisted')
      .orderBy('r.seq')
      .limit(limit)
      .execute();
    return rows.map(toView);
  }

  async withStatus(
    manager: EntityManager,
    session: LockedSession,
    statuses: RegistrationStatus[],
  ): Promise<RegistrationView[]> {
    const rows = await sessionViewQuery(manager, session)
      .where('r.status', '=', sql<RegistrationStatus>`ANY(${statuses}::text[])`)
      .orderBy('r.seq')
      .execute();
    return rows.map(toView);
  }

  /**
   * A participant's registrations that still count (confirmed, waitlisted, offered) in sessions
   * not yet over, by session start: what their "my registrations" page lists.
   */
  async currentForParticipant(
    manager: EntityManager,
    tenantId: string,
    participantId: string,
    now: Date,
  ): Promise<RegistrationView[]> {
    const rows = await participantViewQuery(manager, tenantId, participantId)
      .select(waitlistPosition)
      .where('r.status', 'in', ['confirmed', 'waitlisted', 'offered'])
      .where('s.ends_at', '>', now)
      .orderBy('s.starts_at')
      .orderBy('r.seq')
      .execute();
    return rows.map(toView);
  }

  /** A participant's attended registrations (their attendance certificates), most recent session first. */
  async attendedByParticipant(
    manager: EntityManager,
    tenantId: string,
    participantId: string,
  ): Promise<RegistrationView[]> {
    const rows = await participantViewQuery(manager, tenantId, participantId)
      .where('r.status', '=', 'attended')
      .orderBy('s.starts_at', 'desc')
      .execute();
    return rows.map(toView);
  }

  /** Pending offers of a tenant: registration, session and expiry (the sweep's view). */
  async pendingOffers(
    manager: EntityManager,
    tenantId: string,
  ): Promise<{ id: string; sessionId: string; expiresAt: Date }[]> {
    const rows = await db(manager)
      .selectFrom('registration')
      .select(['id', 'session_id', 'offer_expires_at'])
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'offered')
      .orderBy('offer_expires_at')
      .execute();
    // The schema's CHECK: an offered registration has its expiry.
    return rows.map((row) => ({ id: row.id, sessionId: row.session_id, expiresAt: row.offer_expires_at! }));
  }
}
