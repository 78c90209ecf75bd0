export type RegistrationStatus =
  'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'declined' | 'expired' | 'attended' | 'no_show';

/** Participant links from the registration events (signed URLs: never logged). */
export interface ParticipantLinks {
  cancel?: string;
  accept?: string;
  decline?: string;
  feedback?: string;
}

/** This service's copy of a registration: who to write to, and where they stand. */
export interface RegistrationCopy {
  tenantId: string;
  registrationId: string;
  sessionId: string;
  participantId: string;
  /** Null once the participant was erased. */
  email: string | null;
  firstName: string | null;
  status: RegistrationStatus;
  links: ParticipantLinks;
  /** The session sequence whose times the participant was last told (null: never told any). */
  notifiedSequence: number | null;
  /** Reminders are planned from this instant on (confirmation, or the session's last move). */
  remindersFrom: Date | null;
}
