import { PracticeMode, Profession } from '@respire/contracts';
import { CancelledBy, ConfirmedVia, RegistrationStatus } from './registration-status';

export type RegistrationOrigin = 'public' | 'coordinator' | 'import';

/** A registration with the participant details its events and lists show. */
export interface RegistrationView {
  tenantId: string;
  id: string;
  seq: string;
  sessionId: string;
  participantId: string;
  status: RegistrationStatus;
  origin: RegistrationOrigin;
  confirmedVia: ConfirmedVia | null;
  createdAt: Date;
  statusChangedAt: Date;
  offeredAt: Date | null;
  offerExpiresAt: Date | null;
  cancelledBy: CancelledBy | null;
  cancellationReason: string | null;
  lateCancellation: boolean | null;
  movedFrom: string | null;
  /** Set only by feedback given before feedback was kept apart (see SubmitFeedbackUseCase). */
  feedbackGiven: boolean;
  email: string;
  firstName: string;
  lastName: string;
  profession: Profession;
  practiceMode: PracticeMode;
  postcode: string;
  department: string;
  /** 1-based rank among the session's waitlisted registrations (only when waitlisted). */
  waitlistPosition: number | null;
}
