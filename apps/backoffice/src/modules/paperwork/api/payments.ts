import type { components as RegistrationSchemas } from '../../../api/generated/registration';
import { unwrap } from '../../../api/api-error';
import { registrationApi } from '../../../api/client';

export type SessionPayments = RegistrationSchemas['schemas']['SessionPaymentsDto'];
export type PaymentRow = SessionPayments['registrations'][number];
export type Payment = PaymentRow['payments'][number];
export type RecordPaymentBody = RegistrationSchemas['schemas']['RecordPaymentDto'];

export const paymentKeys = {
  session: (sessionId: string) => ['sessions', sessionId, 'payments'] as const,
};

export function sessionPayments(sessionId: string) {
  return unwrap(
    registrationApi.GET('/v1/sessions/{sessionId}/payments', { params: { path: { sessionId }, query: {} } }),
  );
}

/** Records one payment; `key` is the dialog's own: sending it twice (double click, retry) records it once. */
export function recordPayment(registrationId: string, body: RecordPaymentBody, key: string) {
  return unwrap(
    registrationApi.POST('/v1/registrations/{id}/payments', {
      params: { path: { id: registrationId }, header: { 'Idempotency-Key': key } },
      body,
    }),
  );
}

export function voidPayment(registrationId: string, paymentId: string, reason: string | null) {
  return unwrap(
    registrationApi.POST('/v1/registrations/{id}/payments/{paymentId}/void', {
      params: { path: { id: registrationId, paymentId } },
      body: reason ? { reason } : {},
    }),
  );
}
