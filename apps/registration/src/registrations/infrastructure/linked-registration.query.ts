import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Venue } from '../../sessions/domain/session-copy';
import { RegistrationStatus } from '../domain/registration-status';

type Queryable = Pick<EntityManager, 'query'>;

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

interface Row {
  id: string;
  status: RegistrationStatus;
  offer_expires_at: Date | null;
  waitlist_position: string | null;
  feedback_given: boolean;
  slug: string | null;
  session_id: string;
  title: string;
  confidential: boolean;
  session_status: string;
  starts_at: Date;
  ends_at: Date;
  timezone: string;
  venue: Venue;
}

/** The one statement a link page's read runs (bench/web-pages.ts runs it too, as the page's floor). */
export const LINKED_REGISTRATION_SQL = `SELECT * FROM linked_registration($1, $2, $3)`;

/**
 * The registration a participant link opens, with its session, its CPTS's slug and whether
 * feedback was given: one call of `linked_registration` (see its migration), one round trip
 * outside any explicit transaction — link pages are opened by many people at once (a mail to a
 * whole waitlist, a reminder).
 */
@Injectable()
export class LinkedRegistrationQuery {
  async find(
    queryable: Queryable,
    tenantId: string,
    registrationId: string,
    feedbackMark: Buffer,
  ): Promise<LinkedRegistrationRow | null> {
    const rows: Row[] = await queryable.query(LINKED_REGISTRATION_SQL, [
      tenantId,
      registrationId,
      feedbackMark,
    ]);
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      status: row.status,
      offerExpiresAt: row.offer_expires_at,
      waitlistPosition: row.waitlist_position === null ? null : Number(row.waitlist_position),
      feedbackGiven: row.feedback_given,
      tenantSlug: row.slug,
      session: {
        id: row.session_id,
        title: row.title,
        confidential: row.confidential,
        status: row.session_status,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
        timezone: row.timezone,
        venue: row.venue,
      },
    };
  }
}
