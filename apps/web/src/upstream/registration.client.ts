import { Injectable } from '@nestjs/common';
import { OnBehalfOf, UpstreamAnswer, UpstreamClient } from './upstream.client';

export interface RegistrationForm {
  email: string;
  firstName: string;
  lastName: string;
  profession: string;
  practiceMode: string;
  postcode: string;
  rpps: string | null;
  consents: { dataProcessing: true; feedbackRequests: boolean };
}

export type SessionOutcome =
  | { sessionId: string; id: string; status: 'confirmed' }
  | { sessionId: string; id: string; status: 'waitlisted'; waitlistPosition: number }
  | { sessionId: string; status: 'refused'; error: string; message: string };

export interface ErrorBody {
  error: string;
  message: string;
  fields?: { path: string; message: string }[];
}

/** A registration as a link page shows it (registration's GET /v1/public/registrations/:id). */
export interface LinkedRegistration {
  id: string;
  status: 'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'expired' | 'declined' | 'attended' | 'no_show';
  tenantSlug: string | null;
  waitlistPosition?: number;
  offerExpiresAt?: string;
  feedbackGiven: boolean;
  session: {
    id: string;
    title: string;
    confidential: boolean;
    status: string;
    startsAt: string;
    endsAt: string;
    timezone: string;
    venue: { name: string; address: string | null };
  };
}

export type LinkAction = 'cancel' | 'accept' | 'decline' | 'feedback';

/** Registration's public routes: registering (several sessions at once) and the participant links. */
@Injectable()
export class RegistrationClient {
  constructor(private readonly upstream: UpstreamClient) {}

  register(
    slug: string,
    sessionIds: string[],
    form: RegistrationForm,
    idempotencyKey: string,
    who: OnBehalfOf,
  ): Promise<UpstreamAnswer<{ registrations: SessionOutcome[] } | ErrorBody>> {
    return this.upstream.call('registration', 'POST', `/v1/public/tenants/${encodeURIComponent(slug)}/registrations`, who, {
      body: { ...form, sessionIds },
      headers: { 'idempotency-key': idempotencyKey },
    });
  }

  linked(registrationId: string, token: string, who: OnBehalfOf): Promise<UpstreamAnswer<LinkedRegistration | ErrorBody>> {
    return this.upstream.call('registration', 'GET', `/v1/public/registrations/${registrationId}?token=${encodeURIComponent(token)}`, who);
  }

  act(
    registrationId: string,
    action: LinkAction,
    body: { token: string } & Record<string, unknown>,
    who: OnBehalfOf,
  ): Promise<UpstreamAnswer<{ message?: string } & Partial<ErrorBody>>> {
    return this.upstream.call('registration', 'POST', `/v1/public/registrations/${registrationId}/${action}`, who, { body });
  }
}
