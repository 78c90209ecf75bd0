import type { components as NotificationsSchemas } from '../../../api/generated/notifications';
import type { components as RegistrationSchemas } from '../../../api/generated/registration';
import { unwrap } from '../../../api/api-error';
import { notificationsApi, registrationApi } from '../../../api/client';

export type SessionSeats = RegistrationSchemas['schemas']['SessionSeatsDto'];
export type Delivery = NotificationsSchemas['schemas']['DeliveryPageDto']['items'][number];

export function seatOverview(from: Date, to: Date) {
  return unwrap(
    registrationApi.GET('/v1/session-seats', {
      params: { query: { from: from.toISOString(), to: to.toISOString() } },
    }),
  );
}

export function failedDeliveries() {
  return unwrap(
    notificationsApi.GET('/v1/deliveries', { params: { query: { status: 'failed', limit: 20 } } }),
  );
}
