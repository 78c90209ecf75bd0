import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PracticeMode, Profession } from '@respire/contracts';
import { LockedSession } from '../../sessions/infrastructure/session.repository';
import { OutboxRow } from '@respire/messaging';
import { postgresErrorOf } from '@respire/platform';
import { REGISTER_NEWCOMER_RACED } from '../../infrastructure/migrations/register-newcomer';
import { singleStatementWrite } from '../../infrastructure/single-statement-write';
import {
  ParticipantRow,
  participantRow,
  StoredParticipant,
  toStoredParticipant,
} from './participant.repository';
import { SessionCopy } from '../../sessions/domain/session-copy';
import { canMove, CancelledBy, ConfirmedVia, RegistrationStatus } from '../domain/registration-status';
import { StatusChange } from '../domain/session-seats';
import { RegistrationOrigin, RegistrationView } from '../domain/registration-view';

const VIEW_COLUMNS = `
  r.tenant_id, r.id, r.seq, r.session_id, r.participant_id, r.status, r.origin, r.confirmed_via, r.created_at,
  r.status_changed_at, r.offered_at, r.offer_expires_at, r.cancelled_by, r.cancellation_reason, r.late_cancellation,
  r.moved_from, r.feedback_given, p.email, p.first_name, p.last_name, p.profession, p.practice_mode, p.postcode,
  p.department`;

interface ViewRow {
  tenant_id: string;
  id: string;
  seq: string;
  session_id: string;
  participant_id: string;
  status: RegistrationStatus;
  origin: RegistrationOrigin;
  confirmed_via: ConfirmedVia | null;
  created_at: Date;
  status_changed_at: Date;
  offered_at: Date | null;
  offer_expires_at: Date | null;
  cancelled_by: CancelledBy | null;
  cancellation_reason: string | null;
  late_cancellation: boolean | null;
  moved_from: string | null;
  feedback_given: boolean;
  email: string;
  first_name: string;
  last_name: string;
  profession: Profession;
  practice_mode: PracticeMode;
  postcode: string;
  department: string;
  waitlist_position?: string | null;
}

function toView(row: ViewRow): RegistrationView {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    seq: row.seq,
    sessionId: row.session_id,
    participantId: row.participant_id,
    status: row.status,
    origin: row.origin,
    confirmedVia: row.confirmed_via,
    createdAt: row.created_at,
    statusChangedAt: row.status_changed_at,
    offeredAt: row.offered_at,
    offerExpiresAt: row.offer_expires_at,
    cancelledBy: row.cancelled_by,
    cancellationReason: row.cancellation_reason,
    lateCancellation: row.late_cancellation,
    movedFrom: row.moved_from,
    feedbackGiven: row.feedback_given,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    profession: row.profession,
    practiceMode: row.practice_mode,
    postcode: row.postcode,
    department: row.department,
    waitlistPosition: row.waitlist_position == null ? null : Number(row.waitlist_position),
  };
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
    let rows: NewcomerRow[];
    try {
      rows = await singleStatementWrite(() =>
        manager.query(
          `SELECT * FROM register_newcomer($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12, $13)`,
          [
            input.session.tenantId,
            input.session.id,
            input.session.version,
            input.id,
            JSON.stringify(participantRow(input.participant)),
            input.origin,
            input.confirmedVia,
            input.now,
            JSON.stringify(input.events.confirmed),
            JSON.stringify(input.events.waitlisted),
            input.idempotency?.scope ?? null,
            input.idempotency?.key ?? null,
            input.idempotency?.requestHash ?? null,
          ],
        ),
      );
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
    await manager.query(
      `INSERT INTO registration (tenant_id, id, session_id, participant_id, status, origin, confirmed_via, moved_from,
         created_at, status_changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
      [
        session.tenantId,
        row.id,
        session.id,
        row.participantId,
        row.status,
        row.origin,
        row.confirmedVia,
        row.movedFrom ?? null,
        row.now,
      ],
    );
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
    const [, updated]: [unknown[], number] = await manager.query(
      `UPDATE registration SET status = $3, status_changed_at = $4,
         confirmed_via = COALESCE($5, confirmed_via),
         offered_at = CASE WHEN $6 THEN $4 ELSE offered_at END,
         offer_expires_at = CASE WHEN $6 THEN $7::timestamptz ELSE offer_expires_at END,
         cancelled_by = COALESCE($8, cancelled_by),
         cancellation_reason = COALESCE($9, cancellation_reason),
         late_cancellation = COALESCE($10, late_cancellation)
       WHERE tenant_id = $1 AND id = $2 AND session_id = $11 AND status = $12`,
      [
        session.tenantId,
        registration.id,
        change.status,
        change.at,
        change.confirmedVia ?? null,
        offered,
        change.offerExpiresAt ?? null,
        change.cancelledBy ?? null,
        change.cancellationReason ?? null,
        change.lateCancellation ?? null,
        session.id,
        registration.status,
      ],
    );
    if (updated !== 1)
      throw new Error(`registration ${registration.id} was not ${registration.status} any more`);
  }

  /** Shortens a pending offer (the session moved closer). */
  async capOfferExpiry(
    manager: EntityManager,
    session: LockedSession,
    registrationId: string,
    expiresAt: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE registration SET offer_expires_at = $3 WHERE tenant_id = $1 AND id = $2 AND status = 'offered' AND session_id = $4`,
      [session.tenantId, registrationId, expiresAt, session.id],
    );
  }

  async find(
    manager: EntityManager,
    tenantId: string,
    registrationId: string,
    lock = false,
  ): Promise<RegistrationView | null> {
    const rows: ViewRow[] = await manager.query(
      `SELECT ${VIEW_COLUMNS},
              CASE WHEN r.status = 'waitlisted' THEN
                (SELECT count(*) FROM registration w WHERE w.tenant_id = r.tenant_id AND w.session_id = r.session_id
                    AND w.status = 'waitlisted' AND w.seq <= r.seq) END AS waitlist_position
         FROM registration r JOIN participant p ON p.tenant_id = r.tenant_id AND p.id = r.participant_id
        WHERE r.tenant_id = $1 AND r.id = $2 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [tenantId, registrationId],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  /** The participant's registration in the session that still counts (confirmed, waitlisted, offered). */
  async findActive(
    manager: EntityManager,
    session: Pick<SessionCopy, 'tenantId' | 'id'>,
    participantId: string,
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM registration WHERE tenant_id = $1 AND session_id = $2 AND participant_id = $3
          AND status IN ('confirmed', 'waitlisted', 'offered')`,
      [session.tenantId, session.id, participantId],
    );
    return rows[0]?.id ?? null;
  }

  async countWaitlisted(manager: EntityManager, session: LockedSession): Promise<number> {
    const rows: { count: number }[] = await manager.query(
      `SELECT count(*)::int AS count FROM registration WHERE tenant_id = $1 AND session_id = $2 AND status = 'waitlisted'`,
      [session.tenantId, session.id],
    );
    return rows[0].count;
  }

  /** Every registration of a session: seat holders and past ones by arrival, the waitlist by position. */
  async listForSession(
    manager: EntityManager,
    tenantId: string,
    sessionId: string,
  ): Promise<RegistrationView[]> {
    const rows: ViewRow[] = await manager.query(
      `SELECT ${VIEW_COLUMNS},
              CASE WHEN r.status = 'waitlisted' THEN
                row_number() OVER (PARTITION BY r.status = 'waitlisted' ORDER BY r.seq) END AS waitlist_position
         FROM registration r JOIN participant p ON p.tenant_id = r.tenant_id AND p.id = r.participant_id
        WHERE r.tenant_id = $1 AND r.session_id = $2
        ORDER BY CASE r.status WHEN 'confirmed' THEN 0 WHEN 'attended' THEN 0 WHEN 'no_show' THEN 0 WHEN 'offered' THEN 1
                   WHEN 'waitlisted' THEN 2 ELSE 3 END, r.seq`,
      [tenantId, sessionId],
    );
    return rows.map(toView);
  }

  /** The first `limit` waitlisted registrations, first come first served. */
  async nextWaitlisted(
    manager: EntityManager,
    session: LockedSession,
    limit: number,
  ): Promise<RegistrationView[]> {
    if (limit <= 0) return [];
    const rows: ViewRow[] = await manager.query(
      `SELECT ${VIEW_COLUMNS}
         FROM registration r JOIN participant p ON p.tenant_id = r.tenant_id AND p.id = r.participant_id
        WHERE r.tenant_id = $1 AND r.session_id = $2 AND r.status = 'waitlisted'
        ORDER BY r.seq LIMIT $3`,
      [session.tenantId, session.id, limit],
    );
    return rows.map(toView);
  }

  async withStatus(
    manager: EntityManager,
    session: LockedSession,
    statuses: RegistrationStatus[],
  ): Promise<RegistrationView[]> {
    const rows: ViewRow[] = await manager.query(
      `SELECT ${VIEW_COLUMNS}
         FROM registration r JOIN participant p ON p.tenant_id = r.tenant_id AND p.id = r.participant_id
        WHERE r.tenant_id = $1 AND r.session_id = $2 AND r.status = ANY($3::text[])
        ORDER BY r.seq`,
      [session.tenantId, session.id, statuses],
    );
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
    const rows: ViewRow[] = await manager.query(
      `SELECT ${VIEW_COLUMNS},
              CASE WHEN r.status = 'waitlisted' THEN
                (SELECT count(*) FROM registration w WHERE w.tenant_id = r.tenant_id AND w.session_id = r.session_id
                    AND w.status = 'waitlisted' AND w.seq <= r.seq) END AS waitlist_position
         FROM registration r
         JOIN participant p ON p.tenant_id = r.tenant_id AND p.id = r.participant_id
         JOIN session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
        WHERE r.tenant_id = $1 AND r.participant_id = $2 AND r.status IN ('confirmed', 'waitlisted', 'offered')
          AND s.ends_at > $3
        ORDER BY s.starts_at, r.seq`,
      [tenantId, participantId, now],
    );
    return rows.map(toView);
  }

  /** A participant's attended registrations (their attendance certificates), most recent session first. */
  async attendedByParticipant(
    manager: EntityManager,
    tenantId: string,
    participantId: string,
  ): Promise<RegistrationView[]> {
    const rows: ViewRow[] = await manager.query(
      `SELECT ${VIEW_COLUMNS}
         FROM registration r
         JOIN participant p ON p.tenant_id = r.tenant_id AND p.id = r.participant_id
         JOIN session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
        WHERE r.tenant_id = $1 AND r.participant_id = $2 AND r.status = 'attended'
        ORDER BY s.starts_at DESC`,
      [tenantId, participantId],
    );
    return rows.map(toView);
  }

  /** Pending offers of a tenant: registration, session and expiry (the sweep's view). */
  async pendingOffers(
    manager: EntityManager,
    tenantId: string,
  ): Promise<{ id: string; sessionId: string; expiresAt: Date }[]> {
    const rows: { id: string; session_id: string; offer_expires_at: Date }[] = await manager.query(
      `SELECT id, session_id, offer_expires_at FROM registration WHERE tenant_id = $1 AND status = 'offered'
        ORDER BY offer_expires_at`,
      [tenantId],
    );
    return rows.map((row) => ({ id: row.id, sessionId: row.session_id, expiresAt: row.offer_expires_at }));
  }
}
