import { Profession } from '@respire/contracts';
import { SessionCopy } from '../../sessions/domain/session-copy';
import { TenantPolicy } from '../../tenants/domain/tenant-policy';
import { frenchDateTime } from './french-date';
import { PROFESSION_LABELS } from './participant-details';
import {
  InvalidTransitionError,
  LinkNoLongerValidError,
  ProfessionNotEligibleError,
  RegistrationClosedError,
  RegistrationNotOpenError,
  SessionAlreadyStartedError,
  SessionCancelledError,
  TargetSessionFullError,
} from './registration-errors';
import { CancelledBy, ConfirmedVia, holdsSeat, isActive, RegistrationStatus } from './registration-status';

/*
 * The seat rules of one session, in one place. Every decision takes the session as its locked
 * row holds it, the tenant's policy, the waitlist and `now`, and returns what to apply: status
 * changes (in order: a seat is given back before it is handed out again), the events to write
 * and the timers to set. Nothing here reads or writes anything; the use cases lock, load, call
 * one of these, and persist the decision.
 *
 * The rules:
 * - Never more seat-holding registrations (SEAT_HOLDING_STATUSES) than seats.
 * - The waitlist is first come, first served, and a seat freed while people wait is theirs: a
 *   newcomer gets a seat only when one is free AND nobody is waiting; otherwise they join the
 *   waitlist behind everyone already there. This holds inside the offer cutoff too: there, no
 *   offer is made any more (nobody could answer in time) and nobody jumps the queue, so a seat
 *   freed that late stays free; the people waiting keep their place, and a coordinator who wants
 *   to fill it can register someone — as a newcomer, behind the waitlist, or by moving them.
 * - A freed seat goes to the first waiting person: an offer held until min(now + TTL, start −
 *   cutoff), or a confirmation when the tenant auto-confirms; nothing once inside the cutoff.
 * - A participant's cancellation of a confirmed seat less than the tenant's notice before the
 *   start is late; coordinators' cancellations and moves never are.
 * - Attendance closes REGISTRATION_NO_SHOW_DELAY_MINUTES after the end: confirmed registrations
 *   nobody checked in become no-shows (they keep their seat: taking attendance never frees one).
 */

const MINUTE = 60_000;

/** What the rules read of a session. */
export type SeatSession = Pick<
  SessionCopy,
  | 'id'
  | 'status'
  | 'startsAt'
  | 'endsAt'
  | 'timezone'
  | 'capacity'
  | 'seatsHeld'
  | 'registrationOpensAt'
  | 'registrationClosesAt'
  | 'eligibleProfessions'
>;
export type SeatPolicy = Pick<
  TenantPolicy,
  'waitlistMode' | 'offerTtlMinutes' | 'offerCutoffMinutes' | 'lateCancellationMinutes'
>;

/** A registration as the rules see it; callers pass richer rows and get them back in decisions. */
export interface SeatRegistration {
  id: string;
  status: RegistrationStatus;
  offerExpiresAt: Date | null;
}

export interface StatusChange {
  status: RegistrationStatus;
  at: Date;
  confirmedVia?: ConfirmedVia;
  offerExpiresAt?: Date;
  cancelledBy?: CancelledBy;
  cancellationReason?: string | null;
  lateCancellation?: boolean;
}

export interface CancellationDetails {
  by: CancelledBy;
  reason: string | null;
  lateCancellation: boolean;
  minutesBeforeStart: number;
}

export type SeatEvent<R> =
  | { type: 'confirmed'; registration: R; via: ConfirmedVia }
  | { type: 'waitlisted'; registration: R; position: number }
  | { type: 'offered'; registration: R; expiresAt: Date }
  | { type: 'offer-accepted'; registration: R }
  | { type: 'offer-declined'; registration: R }
  | { type: 'offer-expired'; registration: R }
  | { type: 'cancelled'; registration: R; details: CancellationDetails }
  | { type: 'no-show'; registration: R };

export type SeatTimer =
  /** Give the session's free seats to its waitlist; `cause` names what freed them. */
  | { type: 'promote-waitlist'; sessionId: string; cause: string }
  | { type: 'expire-offer'; registrationId: string; at: Date };

export interface SeatDecision<R> {
  changes: { registration: R; change: StatusChange }[];
  events: SeatEvent<R>[];
  timers: SeatTimer[];
}

/** What a newcomer gets: a seat, or the end of the waitlist. */
export type Placement = { status: 'confirmed' } | { status: 'waitlisted'; position: number };

export type Newcomer = { origin: 'public'; profession: Profession } | { origin: 'coordinator' | 'import' };

function decision<R>(part: Partial<SeatDecision<R>> = {}): SeatDecision<R> {
  return { changes: [], events: [], timers: [], ...part };
}

function merge<R>(first: SeatDecision<R>, second: SeatDecision<R>): SeatDecision<R> {
  return {
    changes: [...first.changes, ...second.changes],
    events: [...first.events, ...second.events],
    timers: [...first.timers, ...second.timers],
  };
}

export class SessionSeats {
  constructor(
    readonly session: SeatSession,
    readonly policy: SeatPolicy,
    readonly now: Date,
  ) {}

  /** Seats no registration holds (0 when a lowered capacity left people above it). */
  freeSeats(): number {
    return Math.max(0, this.session.capacity - this.session.seatsHeld);
  }

  /** The latest instant an offer may run to: the tenant's cutoff before the session starts. */
  offerDeadline(): Date {
    return offerDeadline(this.session, this.policy);
  }

  /** When an offer made now expires: after the TTL, capped to the deadline; null inside the cutoff. */
  offerExpiry(): Date | null {
    return offerExpiry(this.session, this.policy, this.now);
  }

  /** Whether freed seats can still go to the waitlist (offers, or auto-confirmation). */
  canPromote(): boolean {
    return canPromote(this.session, this.policy, this.now);
  }

  /** How many people at the head of the waitlist a promotion would reach now. */
  promotable(): number {
    return this.canPromote() ? this.freeSeats() : 0;
  }

  minutesBeforeStart(): number {
    return minutesBeforeStart(this.session, this.now);
  }

  hasStarted(): boolean {
    return this.session.startsAt.getTime() <= this.now.getTime();
  }

  /** Attendance is taken from an hour before the start (people arrive early) onwards. */
  attendanceOpen(): boolean {
    return attendanceOpen(this.session, this.now);
  }

  /**
   * Whether a newcomer may register now; throws the reason if not. The public route also
   * checks the registration window and the professions the session is reserved to.
   */
  admit(newcomer: Newcomer): void {
    const { session, now } = this;
    if (session.status === 'cancelled') throw new SessionCancelledError();
    if (session.status === 'completed' || this.hasStarted()) throw new SessionAlreadyStartedError();
    if (newcomer.origin !== 'public') return;
    if (session.registrationOpensAt && now < session.registrationOpensAt) {
      throw new RegistrationNotOpenError(frenchDateTime(session.registrationOpensAt, session.timezone));
    }
    if (session.registrationClosesAt && now >= session.registrationClosesAt) {
      throw new RegistrationClosedError(frenchDateTime(session.registrationClosesAt, session.timezone));
    }
    if (
      session.eligibleProfessions.length > 0 &&
      !session.eligibleProfessions.includes(newcomer.profession)
    ) {
      throw new ProfessionNotEligibleError(session.eligibleProfessions.map((p) => PROFESSION_LABELS[p]));
    }
  }

  /**
   * Where a newcomer goes, `waiting` people being on the waitlist: a seat only when one is free
   * and nobody waits (a seat freed while people wait is theirs, even inside the cutoff where no
   * offer is made any more), else the end of the waitlist. `register_newcomer` (migration
   * RegisterNewcomer) applies this same rule under the lock; a test runs both on the same table.
   */
  place(waiting: number): Placement {
    return this.freeSeats() > 0 && waiting === 0
      ? { status: 'confirmed' }
      : { status: 'waitlisted', position: waiting + 1 };
  }

  /** Admission and placement of a newcomer (the answer, event and insert follow from the placement). */
  register(newcomer: Newcomer, waiting: number): Placement {
    this.admit(newcomer);
    return this.place(waiting);
  }

  /**
   * A participant (through their link) or a coordinator cancels a confirmed, offered or
   * waitlisted registration before the start. A freed seat goes to the waitlist (timer).
   */
  cancel<R extends SeatRegistration>(
    registration: R,
    by: 'participant' | 'coordinator',
    reason: string | null,
  ): SeatDecision<R> {
    const byParticipant = by === 'participant';
    if (!isActive(registration.status)) {
      const message =
        registration.status === 'cancelled'
          ? 'Cette inscription est déjà annulée.'
          : 'Cette inscription est terminée : il n’y a plus rien à annuler.';
      if (byParticipant) throw new LinkNoLongerValidError(message);
      throw new InvalidTransitionError(message, 'not_cancellable');
    }
    if (this.hasStarted()) {
      const message = 'La séance a déjà commencé : l’inscription ne peut plus être annulée.';
      if (byParticipant) throw new LinkNoLongerValidError(message, 'link_expired');
      throw new InvalidTransitionError(message, 'session_started');
    }
    const late = byParticipant && registration.status === 'confirmed' && this.isLateCancellation();
    return this.release(registration, { by, reason, lateCancellation: late }, `cancelled-${registration.id}`);
  }

  /** Less than the tenant's notice before the start (whoever asks: callers decide if it counts). */
  isLateCancellation(): boolean {
    return this.minutesBeforeStart() < this.policy.lateCancellationMinutes;
  }

  /** The offered participant accepts (→ confirmed) or declines (→ the seat to the next person). */
  respondToOffer<R extends SeatRegistration>(registration: R, answer: 'accept' | 'decline'): SeatDecision<R> {
    if (registration.status !== 'offered') {
      throw new LinkNoLongerValidError(
        NOT_OFFERED[registration.status] ?? 'Cette proposition n’est plus valable.',
      );
    }
    if (registration.offerExpiresAt!.getTime() <= this.now.getTime()) {
      // The expiry job is on its way; the seat is no longer held for them.
      throw new LinkNoLongerValidError(NOT_OFFERED.expired!, 'offer_expired');
    }
    const at = this.now;
    if (answer === 'accept') {
      return decision({
        changes: [{ registration, change: { status: 'confirmed', at, confirmedVia: 'offer' } }],
        events: [
          { type: 'offer-accepted', registration },
          { type: 'confirmed', registration, via: 'offer' },
        ],
      });
    }
    return decision({
      changes: [{ registration, change: { status: 'declined', at } }],
      events: [{ type: 'offer-declined', registration }],
      timers: [
        { type: 'promote-waitlist', sessionId: this.session.id, cause: `declined-${registration.id}` },
      ],
    });
  }

  /**
   * Gives the free seats to `next`, the head of the waitlist in order (load `promotable()` of
   * them): offers with their expiry timer, or confirmations when the tenant auto-confirms.
   * Nothing inside the cutoff or on a session no longer published.
   */
  promote<R extends SeatRegistration>(next: readonly R[]): SeatDecision<R> {
    return this.promoteWith(next, this.freeSeats());
  }

  /**
   * An offer not accepted in time: `expired`, and its seat to the next people waiting in the
   * same decision. Early, it says when it is due; already answered, there is nothing to do.
   */
  expireOffer<R extends SeatRegistration>(
    registration: R,
    next: readonly R[],
  ):
    | { outcome: 'expired'; decision: SeatDecision<R> }
    | { outcome: 'not-due'; dueAt: Date }
    | { outcome: 'nothing-to-do' } {
    if (registration.status !== 'offered') return { outcome: 'nothing-to-do' };
    if (registration.offerExpiresAt!.getTime() > this.now.getTime())
      return { outcome: 'not-due', dueAt: registration.offerExpiresAt! };
    const expired = decision<R>({
      changes: [{ registration, change: { status: 'expired', at: this.now } }],
      events: [{ type: 'offer-expired', registration }],
    });
    return { outcome: 'expired', decision: merge(expired, this.promoteWith(next, this.freeSeats() + 1)) };
  }

  /** When attendance closes: `delayMinutes` (REGISTRATION_NO_SHOW_DELAY_MINUTES) after the end. */
  attendanceClosesAt(delayMinutes: number): Date {
    return attendanceClosesAt(this.session, delayMinutes);
  }

  /** After the session, confirmed registrations nobody checked in become no-shows. */
  closeAttendance<R extends SeatRegistration>(
    confirmed: readonly R[],
    delayMinutes: number,
  ):
    | { outcome: 'closed'; decision: SeatDecision<R> }
    | { outcome: 'not-due'; dueAt: Date }
    | { outcome: 'nothing-to-do' } {
    if (this.session.status === 'cancelled') return { outcome: 'nothing-to-do' };
    const dueAt = this.attendanceClosesAt(delayMinutes);
    if (dueAt.getTime() > this.now.getTime()) return { outcome: 'not-due', dueAt };
    const noShows = confirmed.filter((registration) => registration.status === 'confirmed');
    return {
      outcome: 'closed',
      decision: decision({
        changes: noShows.map((registration) => ({
          registration,
          change: { status: 'no_show' as const, at: this.now },
        })),
        events: noShows.map((registration) => ({ type: 'no-show' as const, registration })),
      }),
    };
  }

  /**
   * A coordinator moves `registration` (of this session) to `target`: cancelled here (never
   * late) and placed there as a newcomer would be — a seat only if one is free and nobody waits
   * there, else the end of its waitlist, or a refusal when `waitlistIfFull` is false.
   */
  move<R extends SeatRegistration>(
    registration: R,
    target: SessionSeats,
    targetWaiting: number,
    waitlistIfFull: boolean,
  ): { leave: SeatDecision<R>; placement: Placement; reason: string } {
    if (!isActive(registration.status)) {
      throw new InvalidTransitionError(
        'Seule une inscription en cours (confirmée, proposée ou en attente) peut être déplacée.',
        'not_movable',
      );
    }
    target.admit({ origin: 'coordinator' });
    const placement = target.place(targetWaiting);
    if (placement.status === 'waitlisted' && !waitlistIfFull) throw new TargetSessionFullError();
    const reason = `Déplacement vers la séance du ${frenchDateTime(target.session.startsAt, target.session.timezone)}.`;
    return {
      leave: this.release(
        registration,
        { by: 'coordinator', reason, lateCancellation: false },
        `moved-${registration.id}`,
      ),
      placement,
      reason,
    };
  }

  private release<R extends SeatRegistration>(
    registration: R,
    cancellation: Omit<CancellationDetails, 'minutesBeforeStart'>,
    cause: string,
  ): SeatDecision<R> {
    return decision({
      changes: [
        {
          registration,
          change: {
            status: 'cancelled',
            at: this.now,
            cancelledBy: cancellation.by,
            cancellationReason: cancellation.reason,
            lateCancellation: cancellation.lateCancellation,
          },
        },
      ],
      events: [
        {
          type: 'cancelled',
          registration,
          details: { ...cancellation, minutesBeforeStart: this.minutesBeforeStart() },
        },
      ],
      timers: holdsSeat(registration.status)
        ? [{ type: 'promote-waitlist', sessionId: this.session.id, cause }]
        : [],
    });
  }

  private promoteWith<R extends SeatRegistration>(next: readonly R[], free: number): SeatDecision<R> {
    const expiresAt = this.offerExpiry();
    if (this.session.status !== 'published' || expiresAt === null) return decision();
    const chosen = next.filter((registration) => registration.status === 'waitlisted').slice(0, free);
    const at = this.now;
    if (this.policy.waitlistMode === 'auto-confirm') {
      return decision({
        changes: chosen.map((registration) => ({
          registration,
          change: { status: 'confirmed' as const, at, confirmedVia: 'auto-promotion' as const },
        })),
        events: chosen.map((registration) => ({
          type: 'confirmed' as const,
          registration,
          via: 'auto-promotion' as const,
        })),
      });
    }
    return decision({
      changes: chosen.map((registration) => ({
        registration,
        change: { status: 'offered' as const, at, offerExpiresAt: expiresAt },
      })),
      events: chosen.map((registration) => ({ type: 'offered' as const, registration, expiresAt })),
      timers: chosen.map((registration) => ({
        type: 'expire-offer' as const,
        registrationId: registration.id,
        at: expiresAt,
      })),
    });
  }
}

/*
 * The same rules for callers that hold no SessionSeats (catalog updates, the sweep); the
 * methods above use them.
 */

/** The latest instant an offer may run to: the tenant's cutoff before the session starts. */
export function offerDeadline(
  session: Pick<SessionCopy, 'startsAt'>,
  policy: Pick<SeatPolicy, 'offerCutoffMinutes'>,
): Date {
  return new Date(session.startsAt.getTime() - policy.offerCutoffMinutes * MINUTE);
}

/** When an offer made now expires: after the TTL, capped to the deadline; null inside the cutoff. */
export function offerExpiry(
  session: Pick<SessionCopy, 'startsAt'>,
  policy: SeatPolicy,
  now: Date,
): Date | null {
  const deadline = offerDeadline(session, policy);
  if (deadline.getTime() <= now.getTime()) return null;
  return new Date(Math.min(now.getTime() + policy.offerTtlMinutes * MINUTE, deadline.getTime()));
}

/** Whether freed seats can still go to the waitlist (offers, or auto-confirmation). */
export function canPromote(
  session: Pick<SessionCopy, 'status' | 'startsAt'>,
  policy: SeatPolicy,
  now: Date,
): boolean {
  return session.status === 'published' && offerExpiry(session, policy, now) !== null;
}

export function minutesBeforeStart(session: Pick<SessionCopy, 'startsAt'>, now: Date): number {
  return Math.floor((session.startsAt.getTime() - now.getTime()) / MINUTE);
}

/** Attendance is taken from an hour before the start (people arrive early) onwards. */
export function attendanceOpen(session: Pick<SessionCopy, 'startsAt'>, now: Date): boolean {
  return now.getTime() >= session.startsAt.getTime() - 60 * MINUTE;
}

/** When attendance of a session closes: `delayMinutes` (REGISTRATION_NO_SHOW_DELAY_MINUTES) after it ends. */
export function attendanceClosesAt(session: Pick<SessionCopy, 'endsAt'>, delayMinutes: number): Date {
  return new Date(session.endsAt.getTime() + delayMinutes * MINUTE);
}

const NOT_OFFERED: Partial<Record<RegistrationStatus, string>> = {
  confirmed: 'Vous avez déjà accepté cette place : votre inscription est confirmée.',
  attended: 'Vous avez déjà accepté cette place.',
  no_show: 'Vous avez déjà accepté cette place.',
  expired: 'Cette proposition a expiré : la place a été proposée à la personne suivante.',
  declined: 'Vous avez déjà décliné cette proposition.',
  cancelled: 'Cette inscription a été annulée.',
  waitlisted: 'Aucune place ne vous est proposée pour le moment : vous êtes toujours sur la liste d’attente.',
};
