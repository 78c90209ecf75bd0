import { Injectable } from '@nestjs/common';
import { OnBehalfOf, UpstreamAnswer, UpstreamClient } from './upstream.client';

/** Who registers, as registration's public form takes them (and the web form shows them back). */
export interface ParticipantDetails {
  email: string;
  firstName: string;
  lastName: string;
  profession: string;
  practiceMode: string;
  postcode: string;
}

export interface RegistrationForm extends ParticipantDetails {
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
  status:
    'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'expired' | 'declined' | 'attended' | 'no_show';
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

/** A participant's own details, as their "my registrations" page shows and corrects them. */
export type OwnDetails = Pick<
  RegistrationForm,
  'email' | 'firstName' | 'lastName' | 'profession' | 'practiceMode' | 'postcode'
>;

/** A registration on the "my registrations" page, with the links to act on it. */
export interface OwnRegistration {
  id: string;
  status: 'confirmed' | 'waitlisted' | 'offered';
  waitlistPosition?: number;
  offerExpiresAt?: string;
  session: LinkedRegistration['session'];
  links: { cancel: string; accept?: string; decline?: string };
}

/** A session the participant attended: its attestation de présence to download. */
export interface AttendedRegistration {
  id: string;
  session: LinkedRegistration['session'];
  links: { certificate: string };
}

/** What registration's GET /v1/public/participants/me answers for a mailed access link. */
export interface OwnPage {
  tenantSlug: string | null;
  expiresAt: string;
  participant: OwnDetails;
  registrations: OwnRegistration[];
  /** Absent from an older registration service. */
  attended?: AttendedRegistration[];
}

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
    return this.upstream.call(
      'registration',
      'POST',
      `/v1/public/tenants/${encodeURIComponent(slug)}/registrations`,
      who,
      {
        body: { ...form, sessionIds },
        headers: { 'idempotency-key': idempotencyKey },
      },
    );
  }

  linked(
    registrationId: string,
    token: string,
    who: OnBehalfOf,
  ): Promise<UpstreamAnswer<LinkedRegistration | ErrorBody>> {
    return this.upstream.call(
      'registration',
      'GET',
      `/v1/public/registrations/${registrationId}?token=${encodeURIComponent(token)}`,
      who,
    );
  }

  /** Mails the address its "my registrations" link if it is a participant; the answer is the same for any address. */
  requestAccessLink(
    slug: string,
    email: string,
    who: OnBehalfOf,
  ): Promise<UpstreamAnswer<{ message: string } | ErrorBody>> {
    return this.upstream.call(
      'registration',
      'POST',
      `/v1/public/tenants/${encodeURIComponent(slug)}/access-links`,
      who,
      { body: { email } },
    );
  }

  ownPage(token: string, who: OnBehalfOf): Promise<UpstreamAnswer<OwnPage | ErrorBody>> {
    return this.upstream.call(
      'registration',
      'GET',
      `/v1/public/participants/me?token=${encodeURIComponent(token)}`,
      who,
    );
  }

  correctDetails(
    token: string,
    details: Omit<OwnDetails, 'email'>,
    who: OnBehalfOf,
  ): Promise<UpstreamAnswer<OwnDetails | ErrorBody>> {
    return this.upstream.call('registration', 'PUT', '/v1/public/participants/me', who, {
      body: { token, ...details },
    });
  }

  /** "Effacer mes données": the person erases what the CPTS holds about them (idempotent). */
  erase(
    token: string,
    who: OnBehalfOf,
  ): Promise<UpstreamAnswer<{ participantId: string; erasedAt: string } | ErrorBody>> {
    return this.upstream.call('registration', 'POST', '/v1/public/participants/me/erase', who, {
      body: { token },
    });
  }

  act(
    registrationId: string,
    action: LinkAction,
    body: { token: string } & Record<string, unknown>,
    who: OnBehalfOf,
  ): Promise<UpstreamAnswer<{ message?: string } & Partial<ErrorBody>>> {
    return this.upstream.call(
      'registration',
      'POST',
      `/v1/public/registrations/${registrationId}/${action}`,
      who,
      { body },
    );
  }
}
