import { MessagingTables1763900000000 } from '@respire/messaging';
import { TenancyFunctions1763900000005 } from '@respire/tenancy';
import { FeedbackApart1763910000020 } from './migrations/feedback-apart';
import { LinkedRegistrationFunction1763910000060 } from './migrations/linked-registration-function';
import { ParticipantAccessWindow1763910000050 } from './migrations/participant-access-window';
import { RegisterInSession1763910000070 } from './migrations/register-in-session';
import { RegistrationSchema1763910000000 } from './migrations/registration-schema';
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
  RegisterInSession1763910000070,
];
