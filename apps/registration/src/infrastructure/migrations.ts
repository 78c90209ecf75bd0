import { MessagingTables1763900000000 } from '@respire/messaging';
import { TenancyFunctions1763900000005 } from '@respire/tenancy';
import { FeedbackApart1763910000020 } from './migrations/feedback-apart';
import { LinkedRegistrationFunction1763910000040 } from './migrations/linked-registration-function';
import { ParticipantAccessWindow1763910000030 } from './migrations/participant-access-window';
import { RegistrationSchema1763910000000 } from './migrations/registration-schema';

/** Every migration of the registration database, in order. */
export const REGISTRATION_MIGRATIONS = [
  MessagingTables1763900000000,
  TenancyFunctions1763900000005,
  RegistrationSchema1763910000000,
  FeedbackApart1763910000020,
  ParticipantAccessWindow1763910000030,
  LinkedRegistrationFunction1763910000040,
];
