import { AlertConfirmationSent1764600000110 } from './migrations/alert-confirmation-sent';
import { DeliveryBatches1764600000120 } from './migrations/delivery-batches';
import { DeliveryCauseKinds1764600000100 } from './migrations/delivery-cause-kinds';
import { MessagingTables1763900000000 } from '@respire/messaging';
import { TenancyFunctions1763900000005 } from '@respire/tenancy';
import { DeliveryClaim1763920000006 } from './migrations/delivery-claim';
import { DeliveryMarkSent1763920000001 } from './migrations/delivery-mark-sent';
import { DeliveryMaskReplies1763920000002 } from './migrations/delivery-mask-replies';
import { Paperwork1764600000090 } from './migrations/paperwork';
import { NotificationsSchema1763920000000 } from './migrations/notifications-schema';
import { ProgrammeSurveys1763920000005 } from './migrations/programme-surveys';
import { SessionAlerts1763920000004 } from './migrations/session-alerts';
import { SessionFees1763920000090 } from './migrations/session-fees';
import { TenantDefaults1763920000003 } from './migrations/tenant-defaults';

/** Every migration of the notifications database, in order. */
export const NOTIFICATIONS_MIGRATIONS = [
  MessagingTables1763900000000,
  TenancyFunctions1763900000005,
  NotificationsSchema1763920000000,
  DeliveryMarkSent1763920000001,
  DeliveryMaskReplies1763920000002,
  TenantDefaults1763920000003,
  SessionAlerts1763920000004,
  ProgrammeSurveys1763920000005,
  DeliveryClaim1763920000006,
  Paperwork1764600000090,
  SessionFees1763920000090,
  DeliveryCauseKinds1764600000100,
  AlertConfirmationSent1764600000110,
  DeliveryBatches1764600000120,
];
