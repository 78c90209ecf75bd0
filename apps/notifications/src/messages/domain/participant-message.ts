import { formatEuros, paymentInstructionsText } from '@respire/contracts';
import { CalendarSpec, calendarUidOf, DeliveryRequest } from '../../deliveries/domain/delivery';
import { SessionCopy, sessionView } from '../../sessions/domain/session-copy';
import { RegistrationCopy } from '../../registrations/domain/registration-copy';
import { TemplateKey } from '../../templates/domain/template-key';
import { displayName, TenantSettings } from '../../tenants/domain/tenant-settings';

export interface Addressee {
  registrationId: string;
  participantId: string;
  email: string;
  firstName: string;
}

/** Who a registration's messages go to; null once the participant was erased (no address left). */
export function addresseeOf(registration: RegistrationCopy): Addressee | null {
  if (!registration.email) return null;
  return {
    registrationId: registration.registrationId,
    participantId: registration.participantId,
    email: registration.email,
    firstName: registration.firstName ?? '',
  };
}

export interface ParticipantMessageInput {
  tenant: TenantSettings;
  session: SessionCopy;
  to: Addressee;
  template: TemplateKey;
  causeId: string;
  /** Template-specific variables (links, waitlist position, offer expiry, …). */
  variables?: Record<string, unknown>;
  /** The calendar part: an invitation (REQUEST) or its cancellation (CANCEL), at this SEQUENCE. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; sequence: number } | null;
}

/** The variables every template shares: the tenant and its listening lines. */
export function tenantVariables(tenant: TenantSettings): Record<string, unknown> {
  return {
    tenant: { name: displayName(tenant), privacyContact: tenant.privacyContact },
    listeningLines: tenant.listeningLines.map((line) => ({
      name: line.name,
      phone: line.phone,
      description: line.description ?? null,
    })),
  };
}

/** The price of a session and how to pay it, as every message about it shows them (null when free). */
export interface FeeView {
  price: string;
  instructions: string;
  paymentUrl: string | null;
}

export function feeView(tenant: TenantSettings, session: Pick<SessionCopy, 'priceCents'>): FeeView | null {
  if (session.priceCents <= 0) return null;
  return {
    price: formatEuros(session.priceCents),
    instructions: paymentInstructionsText(tenant.paymentInstructions),
    paymentUrl: tenant.paymentInstructions.url,
  };
}

/** The variables every template about a session shares: the tenant's, the session as it may be shown, its fee. */
export function commonVariables(tenant: TenantSettings, session: SessionCopy): Record<string, unknown> {
  return { ...tenantVariables(tenant), session: sessionView(session), fee: feeView(tenant, session) };
}

/**
 * A message to one participant about one session. One recipient per message, always: nobody
 * ever sees another participant's address. A confidential session is named neutrally in the
 * variables and in the calendar entry, so no template can reveal its title.
 */
export function participantMessage(input: ParticipantMessageInput): DeliveryRequest {
  const { tenant, session, to } = input;
  const view = sessionView(session);
  const calendar: CalendarSpec | null = input.calendar
    ? {
        method: input.calendar.method,
        uid: calendarUidOf(to.registrationId),
        sequence: input.calendar.sequence,
        startsAt: session.startsAt.toISOString(),
        endsAt: session.endsAt.toISOString(),
        timezone: session.timezone,
        summary: view.title,
        location: [session.venue.name, session.venue.address].filter(Boolean).join(', ') || null,
        description: `Organisé par ${displayName(tenant)}.`,
        confidential: session.confidential,
      }
    : null;
  return {
    ...accountMessage(input),
    registrationId: to.registrationId,
    sessionId: session.sessionId,
    context: {
      ...commonVariables(tenant, session),
      participant: { firstName: to.firstName },
      ...input.variables,
    },
    calendar,
  };
}

export interface AccountMessageInput {
  tenant: TenantSettings;
  to: Omit<Addressee, 'registrationId'>;
  template: TemplateKey;
  causeId: string;
  variables?: Record<string, unknown>;
}

/**
 * A message to a participant about no session nor registration (their access link); a message
 * about a session (`participantMessage`) is this one naming the registration and the session.
 */
export function accountMessage(input: AccountMessageInput): DeliveryRequest {
  const { tenant, to } = input;
  return {
    tenantId: tenant.tenantId,
    causeId: input.causeId,
    template: input.template,
    recipient: to.email,
    recipientName: to.firstName,
    registrationId: null,
    participantId: to.participantId,
    sessionId: null,
    context: { ...tenantVariables(tenant), participant: { firstName: to.firstName }, ...input.variables },
    calendar: null,
  };
}
