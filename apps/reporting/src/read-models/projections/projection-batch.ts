import {
  ActivityRow,
  DeliveryRow,
  emptySession,
  FeedbackRow,
  laterDelivery,
  newerProfile,
  newRegistration,
  Profile,
  ProgrammeRow,
  RegistrationRow,
  SessionRow,
  TenantRow,
  VenueRow,
} from './read-model-rows';

/** A change to a session row (catalog events), applied in event order to the row as it stands. */
export type SessionChange = (row: SessionRow) => SessionRow;

/** A registration event: how it changes the row, and what it needs when it is the row's first. */
export interface RegistrationChange {
  sessionId: string;
  /** As registration sends it; the participant row maps it to the id recorded. */
  participantId: string;
  /** Status of a row this event creates (a later event arriving first creates a confirmed row). */
  creates: 'confirmed' | 'waitlisted';
  /** The session row to create if the catalog's events have not arrived (null: an empty placeholder); made only when needed. */
  placeholder: () => SessionRow | null;
  /** Confirmed and waitlisted events refresh the participant row even when the registration exists. */
  touchesParticipant: boolean;
  profile: Profile | null;
  apply: (row: RegistrationRow) => RegistrationRow;
}

/** The registrations of a batch folded over the rows they had, and what else they need written. */
export interface FoldedRegistrations {
  rows: RegistrationRow[];
  /** Ids of the rows the batch creates (their participant id comes from the participant rows). */
  created: Set<string>;
  /** Session rows to create unless they exist: the snapshot of each session's first created registration. */
  placeholders: SessionRow[];
  /** Participant rows to upsert (their newest profile, null for none), by participant id. */
  participants: Map<string, Profile | null>;
}

/**
 * Everything one tenant's batch of events changes, gathered by the event mappers in offset
 * order: rows whose later version simply wins are kept folded (tenants, programmes, activities,
 * venues, feedback, deliveries); session and registration rows depend on what they held, so
 * their changes are kept in order and folded over the loaded rows by `foldSessions` and
 * `foldRegistrations`.
 */
export class ProjectionBatch {
  readonly tenants = new Map<string, TenantRow>();
  readonly programmes = new Map<string, ProgrammeRow>();
  readonly activities = new Map<string, ActivityRow>();
  readonly venues = new Map<string, VenueRow>();
  readonly sessionChanges = new Map<string, SessionChange[]>();
  readonly registrationChanges = new Map<string, RegistrationChange[]>();
  readonly feedback = new Map<string, FeedbackRow>();
  readonly deliveries = new Map<string, DeliveryRow>();
  /** Participants to erase, with the time of their first erasure event. */
  readonly erasures = new Map<string, string>();

  tenant(row: TenantRow): void {
    const known = this.tenants.get(row.tenantId);
    this.tenants.set(row.tenantId, { ...row, slug: row.slug ?? known?.slug ?? null });
  }

  /** Keeps the most recently seen name of a venue (events about different sessions interleave). */
  venue(row: VenueRow): void {
    const known = this.venues.get(row.venueId);
    if (!known || known.seenAt <= row.seenAt) this.venues.set(row.venueId, row);
  }

  session(sessionId: string, change: SessionChange): void {
    push(this.sessionChanges, sessionId, change);
  }

  registration(registrationId: string, change: RegistrationChange): void {
    push(this.registrationChanges, registrationId, change);
  }

  /** A feedback is written once: a second event with its id changes nothing. */
  addFeedback(row: FeedbackRow): void {
    if (!this.feedback.has(row.feedbackId)) this.feedback.set(row.feedbackId, row);
  }

  delivery(row: DeliveryRow): void {
    this.deliveries.set(row.deliveryId, laterDelivery(this.deliveries.get(row.deliveryId), row));
  }

  erase(participantId: string, at: string): void {
    if (!this.erasures.has(participantId)) this.erasures.set(participantId, at);
  }

  /** The batch's session rows, from the rows they had (every one exists: a bare placeholder at least). */
  foldSessions(existing: ReadonlyMap<string, SessionRow>): SessionRow[] {
    return sorted(this.sessionChanges).map(([id, changes]) =>
      changes.reduce((row, change) => change(row), existing.get(id) ?? emptySession(id)),
    );
  }

  foldRegistrations(existing: ReadonlyMap<string, RegistrationRow>): FoldedRegistrations {
    const folded: FoldedRegistrations = {
      rows: [],
      created: new Set(),
      placeholders: [],
      participants: new Map(),
    };
    const placeholders = new Map<string, SessionRow>();
    for (const [id, changes] of sorted(this.registrationChanges)) {
      let row = existing.get(id);
      for (const change of changes) {
        if (!row) {
          row = newRegistration(id, change.sessionId, change.creates);
          folded.created.add(id);
          if (!placeholders.has(change.sessionId))
            placeholders.set(change.sessionId, change.placeholder() ?? emptySession(change.sessionId));
        }
        if (change.touchesParticipant || folded.created.has(id)) {
          const known = folded.participants.get(change.participantId) ?? null;
          folded.participants.set(
            change.participantId,
            change.profile ? newerProfile(known, change.profile) : known,
          );
        }
        row = change.apply(row);
      }
      folded.rows.push(row!);
    }
    folded.placeholders = [...placeholders.values()];
    return folded;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Entries by key: rows are locked and written in one order, so concurrent batches cannot deadlock. */
function sorted<T>(map: ReadonlyMap<string, T>): [string, T][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
