import { EventDefinition } from '../event-definition';
import { ACTIVITY_CREATED_V1 } from './catalog/activity-created.v1';
import { ACTIVITY_UPDATED_V1 } from './catalog/activity-updated.v1';
import { PROGRAMME_CREATED_V1 } from './catalog/programme-created.v1';
import { PROGRAMME_UPDATED_V1 } from './catalog/programme-updated.v1';
import { SESSION_CANCELLED_V1 } from './catalog/session-cancelled.v1';
import { SESSION_CAPACITY_CHANGED_V1 } from './catalog/session-capacity-changed.v1';
import { SESSION_COMPLETED_V1 } from './catalog/session-completed.v1';
import { SESSION_PUBLISHED_V1 } from './catalog/session-published.v1';
import { SESSION_RESCHEDULED_V1 } from './catalog/session-rescheduled.v1';
import { TENANT_CREATED_V1 } from './catalog/tenant-created.v1';
import { TENANT_SETTINGS_CHANGED_V1 } from './catalog/tenant-settings-changed.v1';
import { DELIVERY_FAILED_V1 } from './notifications/delivery-failed.v1';
import { DELIVERY_SENT_V1 } from './notifications/delivery-sent.v1';
import { FEEDBACK_SUBMITTED_V1 } from './registration/feedback-submitted.v1';
import { REGISTRATION_ACCESS_LINK_REQUESTED_V1 } from './registration/access-link-requested.v1';
import { PARTICIPANT_ERASED_V1 } from './registration/participant-erased.v1';
import { PAYMENT_RECORDED_V1 } from './registration/payment-recorded.v1';
import { PAYMENT_VOIDED_V1 } from './registration/payment-voided.v1';
import { REGISTRATION_ATTENDED_V1 } from './registration/registration-attended.v1';
import { REGISTRATION_CANCELLED_V1 } from './registration/registration-cancelled.v1';
import { REGISTRATION_CONFIRMED_V1 } from './registration/registration-confirmed.v1';
import { REGISTRATION_NO_SHOW_V1 } from './registration/registration-no-show.v1';
import { REGISTRATION_OFFER_ACCEPTED_V1 } from './registration/registration-offer-accepted.v1';
import { REGISTRATION_OFFER_DECLINED_V1 } from './registration/registration-offer-declined.v1';
import { REGISTRATION_OFFER_EXPIRED_V1 } from './registration/registration-offer-expired.v1';
import { REGISTRATION_OFFERED_V1 } from './registration/registration-offered.v1';
import { REGISTRATION_REPEAT_REQUESTED_V1 } from './registration/registration-repeat-requested.v1';
import { REGISTRATION_WAITLISTED_V1 } from './registration/registration-waitlisted.v1';
import { SURVEY_RESPONSE_SUBMITTED_V1 } from './surveys/response-submitted.v1';
import { SURVEY_PUBLISHED_V1 } from './surveys/survey-published.v1';

export * from './fragments';

export * from './catalog/tenant-created.v1';
export * from './catalog/tenant-settings-changed.v1';
export * from './catalog/tenant-settings-events';
export { DEFAULT_LISTENING_LINES, DEFAULT_PRIMARY_COLOR, TENANT_DEFAULTS } from './catalog/tenant-settings';
export * from './catalog/programme-created.v1';
export * from './catalog/programme-updated.v1';
export * from './catalog/activity-created.v1';
export * from './catalog/activity-updated.v1';
export * from './catalog/session-published.v1';
export * from './catalog/session-rescheduled.v1';
export * from './catalog/session-capacity-changed.v1';
export * from './catalog/session-cancelled.v1';
export * from './catalog/session-completed.v1';

export * from './registration/registration-confirmed.v1';
export * from './registration/registration-waitlisted.v1';
export * from './registration/registration-repeat-requested.v1';
export * from './registration/registration-offered.v1';
export * from './registration/registration-offer-accepted.v1';
export * from './registration/registration-offer-declined.v1';
export * from './registration/registration-offer-expired.v1';
export * from './registration/registration-cancelled.v1';
export * from './registration/registration-attended.v1';
export * from './registration/registration-no-show.v1';
export * from './registration/feedback-submitted.v1';
export * from './registration/participant-erased.v1';
export * from './registration/access-link-requested.v1';
export * from './registration/payment-recorded.v1';
export * from './registration/payment-voided.v1';

export * from './notifications/delivery-sent.v1';
export * from './notifications/delivery-failed.v1';
export { DELIVERY_CAUSE_KINDS, type DeliveryCauseKind } from './notifications/delivery-shape';

export * from './surveys/survey-published.v1';
export * from './surveys/response-submitted.v1';

/** Every event version the platform knows. A consumer rejects (to the DLQ) anything not listed. */
export const ALL_EVENTS: readonly EventDefinition[] = [
  TENANT_CREATED_V1,
  TENANT_SETTINGS_CHANGED_V1,
  PROGRAMME_CREATED_V1,
  PROGRAMME_UPDATED_V1,
  ACTIVITY_CREATED_V1,
  ACTIVITY_UPDATED_V1,
  SESSION_PUBLISHED_V1,
  SESSION_RESCHEDULED_V1,
  SESSION_CAPACITY_CHANGED_V1,
  SESSION_CANCELLED_V1,
  SESSION_COMPLETED_V1,
  REGISTRATION_CONFIRMED_V1,
  REGISTRATION_WAITLISTED_V1,
  REGISTRATION_REPEAT_REQUESTED_V1,
  REGISTRATION_OFFERED_V1,
  REGISTRATION_OFFER_ACCEPTED_V1,
  REGISTRATION_OFFER_DECLINED_V1,
  REGISTRATION_OFFER_EXPIRED_V1,
  REGISTRATION_CANCELLED_V1,
  REGISTRATION_ATTENDED_V1,
  REGISTRATION_NO_SHOW_V1,
  FEEDBACK_SUBMITTED_V1,
  PARTICIPANT_ERASED_V1,
  REGISTRATION_ACCESS_LINK_REQUESTED_V1,
  PAYMENT_RECORDED_V1,
  PAYMENT_VOIDED_V1,
  DELIVERY_SENT_V1,
  DELIVERY_FAILED_V1,
  SURVEY_PUBLISHED_V1,
  SURVEY_RESPONSE_SUBMITTED_V1,
];
