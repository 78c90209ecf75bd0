import { DomainError } from '@respire/platform';
import { PracticeMode, Profession } from '@respire/contracts';
import { FieldProblems } from '../../common/invalid-fields.error';

export const SESSION_STATUSES = ['draft', 'published', 'cancelled', 'completed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface SessionState {
  id: string;
  tenantId: string;
  activityId: string;
  programmeId: string | null;
  venueId: string;
  facilitatorId: string | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  status: SessionStatus;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  eligibleProfessions: Profession[];
  /** Practice modes that may register (« libéraux uniquement »); empty = all. */
  eligiblePracticeModes: PracticeMode[];
  priceCents: number;
  /** Reschedule counter of a published session (the .ics SEQUENCE). */
  sequence: number;
  /** Confirmed and offered seats, as the registration service reported them. */
  seatsTaken: number;
  cancellationReason: string | null;
  publishedAt: Date | null;
  cancelledAt: Date | null;
  completedAt: Date | null;
}

/** Where a new session's lifecycle starts: a draft never published, nobody holding a seat. */
export const NEW_SESSION_LIFECYCLE = {
  status: 'draft',
  sequence: 0,
  seatsTaken: 0,
  cancellationReason: null,
  publishedAt: null,
  cancelledAt: null,
  completedAt: null,
} as const satisfies Partial<SessionState>;

export class InvalidSessionTransitionError extends DomainError {
  constructor(from: SessionStatus, action: string, why?: string) {
    super(
      'invalid_session_transition',
      why ?? `Impossible de ${action} une séance ${STATUS_WORDS[from]}`,
      409,
      { status: from },
    );
  }
}

export class CapacityBelowSeatsTakenError extends DomainError {
  constructor(capacity: number, seatsTaken: number) {
    super(
      'capacity_below_seats_taken',
      `Impossible de réduire la capacité à ${capacity} : ${seatsTaken} place${seatsTaken > 1 ? 's sont' : ' est'} déjà attribuée${seatsTaken > 1 ? 's' : ''} (inscriptions confirmées ou proposées). Annulez d'abord des inscriptions.`,
      409,
      { capacity, seatsTaken },
    );
  }
}

export class FieldLockedAfterPublicationError extends DomainError {
  constructor(fields: string[]) {
    super(
      'field_locked_after_publication',
      `Une fois la séance publiée, ces champs ne peuvent plus changer : ${fields.join(', ')}. Annulez la séance et créez-en une autre.`,
      409,
      { fields },
    );
  }
}

const STATUS_WORDS: Record<SessionStatus, string> = {
  draft: 'en brouillon',
  published: 'publiée',
  cancelled: 'annulée',
  completed: 'terminée',
};

export type CancelOutcome = 'cancelled' | 'discarded-draft' | 'unchanged';

export interface Move {
  startsAt: Date;
  endsAt: Date;
  venueId: string;
}

/** A session's rules: its state machine (draft → published → cancelled | completed), moves and seats. */
export class Session {
  constructor(private readonly s: SessionState) {}

  get state(): Readonly<SessionState> {
    return this.s;
  }

  /** Opens the session to registration. Publishing a published session changes nothing. */
  publish(now: Date): 'published' | 'unchanged' {
    if (this.s.status === 'published') return 'unchanged';
    if (this.s.status !== 'draft') throw new InvalidSessionTransitionError(this.s.status, 'publier');
    this.s.status = 'published';
    this.s.publishedAt = now;
    return 'published';
  }

  /**
   * A published session is cancelled (participants are told, through the event); a draft nobody
   * saw is simply discarded. Cancelling twice changes nothing; a held session cannot be cancelled.
   */
  cancel(reason: string | null, now: Date): CancelOutcome {
    if (this.s.status === 'cancelled') return 'unchanged';
    if (this.s.status === 'completed') throw new InvalidSessionTransitionError(this.s.status, 'annuler');
    const wasPublished = this.s.status === 'published';
    this.s.status = 'cancelled';
    this.s.cancelledAt = now;
    this.s.cancellationReason = reason;
    return wasPublished ? 'cancelled' : 'discarded-draft';
  }

  /** A published session is completed once it has ended. */
  complete(now: Date): 'completed' | 'unchanged' {
    if (this.s.status === 'completed') return 'unchanged';
    if (this.s.status !== 'published') throw new InvalidSessionTransitionError(this.s.status, 'clore');
    if (this.s.endsAt.getTime() > now.getTime()) {
      throw new InvalidSessionTransitionError(this.s.status, 'clore', "La séance n'est pas encore terminée");
    }
    this.s.status = 'completed';
    this.s.completedAt = now;
    return 'completed';
  }

  /**
   * Moves the session in time and/or to another venue. A published session cannot move into the
   * past (its participants could not come); each move of a published session bumps its sequence.
   * Returns where it was, or null when nothing moved.
   */
  move(to: Move, now: Date, problems: FieldProblems, paths: { when: string[] }): Move | null {
    this.assertEditable('déplacer');
    const previous = { startsAt: this.s.startsAt, endsAt: this.s.endsAt, venueId: this.s.venueId };
    const timeChanged =
      to.startsAt.getTime() !== previous.startsAt.getTime() ||
      to.endsAt.getTime() !== previous.endsAt.getTime();
    if (!timeChanged && to.venueId === previous.venueId) return null;
    if (this.s.status === 'published' && timeChanged && to.startsAt.getTime() <= now.getTime()) {
      for (const path of paths.when)
        problems.add([path], 'Une séance publiée ne peut pas être déplacée dans le passé');
      return null;
    }
    this.s.startsAt = to.startsAt;
    this.s.endsAt = to.endsAt;
    this.s.venueId = to.venueId;
    if (this.s.status === 'published') this.s.sequence += 1;
    return previous;
  }

  /**
   * Changes the number of seats. Below the seats already held (confirmed or offered) it is
   * refused: the catalog never takes a seat back from a participant.
   */
  resize(capacity: number): number | null {
    this.assertEditable('modifier');
    const previous = this.s.capacity;
    if (capacity === previous) return null;
    if (capacity < this.s.seatsTaken) throw new CapacityBelowSeatsTakenError(capacity, this.s.seatsTaken);
    this.s.capacity = capacity;
    return previous;
  }

  /** Details other services learnt at publication and are not told about again: drafts only. */
  amendDraftDetails(
    changes: Partial<
      Pick<
        SessionState,
        | 'facilitatorId'
        | 'registrationOpensAt'
        | 'registrationClosesAt'
        | 'eligibleProfessions'
        | 'eligiblePracticeModes'
        | 'priceCents'
      >
    >,
  ): void {
    this.assertEditable('modifier');
    const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter(
      (key) => changes[key] !== undefined && !sameValue(changes[key], this.s[key]),
    );
    if (changed.length === 0) return;
    if (this.s.status !== 'draft') throw new FieldLockedAfterPublicationError(changed);
    for (const key of changed) Object.assign(this.s, { [key]: changes[key] });
  }

  private assertEditable(action: string): void {
    if (this.s.status === 'cancelled' || this.s.status === 'completed') {
      throw new InvalidSessionTransitionError(this.s.status, action);
    }
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && [...a].sort().join() === [...b].sort().join();
  return a === b;
}

/**
 * The registration window must make sense: it closes after it opens, and it closes no later than
 * the session starts (afterwards nobody could come). Null bounds are open.
 */
export function checkRegistrationWindow(
  window: { opensAt: Date | null; closesAt: Date | null },
  startsAt: Date,
  problems: FieldProblems,
  paths: { opensAt: (string | number)[]; closesAt: (string | number)[] },
): void {
  if (window.opensAt && window.closesAt && window.closesAt.getTime() <= window.opensAt.getTime()) {
    problems.add(paths.closesAt, 'Les inscriptions doivent fermer après leur ouverture');
  }
  if (window.closesAt && window.closesAt.getTime() > startsAt.getTime()) {
    problems.add(paths.closesAt, 'Les inscriptions doivent fermer au plus tard au début de la séance');
  }
  if (window.opensAt && window.opensAt.getTime() >= startsAt.getTime()) {
    problems.add(paths.opensAt, 'Les inscriptions doivent ouvrir avant le début de la séance');
  }
}
