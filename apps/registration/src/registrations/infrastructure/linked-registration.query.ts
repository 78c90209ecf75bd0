import { Injectable } from '@nestjs/common';
import { Venue } from '../../sessions/domain/session-copy';
import { RegistrationStatus } from '../domain/registration-status';

/** What the read needs of a connection pool: node-postgres's `Pool#query` with a query config. */
export interface PoolQueryable {
  query(query: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** What a participant's link page shows of their registration, read in one query. */
export interface LinkedRegistrationRow {
  id: string;
  status: RegistrationStatus;
  offerExpiresAt: Date | null;
  waitlistPosition: number | null;
  /** The old flag, or the mark feedback leaves now that it is kept apart from the registration. */
  feedbackGiven: boolean;
  tenantSlug: string | null;
  session: {
    id: string;
    title: string;
    confidential: boolean;
    status: string;
    startsAt: Date;
    endsAt: Date;
    timezone: string;
    venue: Venue;
  };
}

/** The function's row as JSON (instants as ISO 8601 text). */
interface Row {
  id: string;
  status: RegistrationStatus;
  offer_expires_at: string | null;
  waitlist_position: number | null;
  feedback_given: boolean;
  slug: string | null;
  session_id: string;
  title: string;
  confidential: boolean;
  session_status: string;
  starts_at: string;
  ends_at: string;
  timezone: string;
  venue: Venue;
}

/**
 * The one statement a link page's read runs (bench/web-pages.ts runs it too, as the page's floor).
 * The row comes as one JSON column: the driver then parses one field description and one value
 * per call instead of fourteen of each, which was a measurable share of the read's CPU.
 */
export const LINKED_REGISTRATION_SQL = `SELECT to_json(l) AS registration FROM linked_registration($1, $2, $3) l`;

/**
 * The statement as a named prepared statement: each pooled connection parses and plans it once,
 * then only binds and executes it (PostgreSQL's parse, analysis and planning were about a third
 * of the database's CPU per link page, and the driver sends one message fewer). Its result is
 * one json column whatever the function's columns become, so a later migration replacing the
 * function does not invalidate it.
 */
export const LINKED_REGISTRATION_STATEMENT = { name: 'linked_registration', text: LINKED_REGISTRATION_SQL };

/**
 * The registration a participant link opens, with its session, its CPTS's slug and whether
 * feedback was given: one call of `linked_registration` (see its migration), one round trip
 * outside any explicit transaction — link pages are opened by many people at once (a mail to a
 * whole waitlist, a reminder). It runs on the pool itself (the function sets the tenant for
 * row-level security inside the statement's own transaction), without an ORM query runner.
 */
@Injectable()
export class LinkedRegistrationQuery {
  async find(
    pool: PoolQueryable,
    tenantId: string,
    registrationId: string,
    feedbackMark: Buffer,
  ): Promise<LinkedRegistrationRow | null> {
    const { rows } = await pool.query({
      ...LINKED_REGISTRATION_STATEMENT,
      values: [tenantId, registrationId, feedbackMark],
    });
    const row = (rows[0] as { registration: Row } | undefined)?.registration;
    if (!row) return null;
    return {
      id: row.id,
      status: row.status,
      offerExpiresAt: row.offer_expires_at === null ? null : new Date(row.offer_expires_at),
      waitlistPosition: row.waitlist_position === null ? null : Number(row.waitlist_position),
      feedbackGiven: row.feedback_given,
      tenantSlug: row.slug,
      session: {
        id: row.session_id,
        title: row.title,
        confidential: row.confidential,
        status: row.session_status,
        startsAt: new Date(row.starts_at),
        endsAt: new Date(row.ends_at),
        timezone: row.timezone,
        venue: row.venue,
      },
    };
  }
}
