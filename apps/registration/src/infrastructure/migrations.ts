import { MessagingTables1763900000000 } from '@respire/messaging';
import { TenancyFunctions1763900000005 } from '@respire/tenancy';
import { FeedbackApart1763910000020 } from './migrations/feedback-apart';
import { LinkedRegistrationFunction1763910000060 } from './migrations/linked-registration-function';
import { ParticipantErasure1764600000080 } from './migrations/participant-erasure';
import { ParticipantAccessWindow1763910000050 } from './migrations/participant-access-window';
import { Paperwork1763910000090 } from './migrations/paperwork';
import { RegisterInSession1763910000070 } from './migrations/register-in-session';
import { RegisterNewcomer1764600000100 } from './migrations/register-newcomer';
import { RegistrationSchema1763910000000 } from './migrations/registration-schema';
import { SessionPracticeModes1764600000070 } from './migrations/session-practice-modes';
import { TenantDefaults1763910000030 } from './migrations/tenant-defaults';

/** Every migration of the registration database, in order. */
export const REGISTRATION_MIGRATIONS = [
  MessagingTables1763900000000,
  TenancyFunctions1763900000005,
  RegistrationSchema1763910000000,
  FeedbackApart1763910000020,
  TenantDefaults1763910000030,
  ParticipantAccessWindow1763910000050,
  LinkedRegistrationFunction1763910000060,
  SessionPracticeModes1764600000070,
  ParticipantErasure1764600000080,
  Paperwork1763910000090,
  RegisterInSession1763910000070,
  RegisterNewcomer1764600000100,
];
