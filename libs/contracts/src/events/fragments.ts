import { z } from 'zod';

/*
 * Schema pieces shared by several event versions. Each one is part of the contract of every
 * version that uses it: never change one in a way that would break those versions — add a new
 * fragment (and a new event version) instead. Only optional fields may be added here.
 */

/** An instant, ISO 8601 with an offset (producers write UTC, `…Z`). */
export const instantSchema = z.iso.datetime({ offset: true });

/** An absolute http(s) URL. */
export const absoluteUrlSchema = z.url({ protocol: /^https?$/ });

/** IANA time zone the local times are shown in (e.g. Europe/Paris). */
export const timezoneSchema = z.string().min(1).describe('IANA time zone, e.g. Europe/Paris');

/** Where a session takes place, as shown in messages and calendar invitations. */
export const venueSchema = z.object({
  id: z.uuid(),
  name: z.string().min(1),
  address: z.string().min(1).nullable().describe('postal address on one line; null when not given'),
});

/**
 * What a participant message needs to know about the session, as the producer knew it.
 * `sequence` is the session's reschedule counter (the .ics SEQUENCE): a consumer that already
 * holds a higher sequence for the session (from catalog.session.rescheduled) keeps its own times.
 */
export const sessionSnapshotSchema = z.object({
  title: z.string().min(1),
  confidential: z
    .boolean()
    .describe('participation is sensitive (e.g. emotion management): messages must not reveal the title'),
  startsAt: instantSchema,
  endsAt: instantSchema,
  timezone: timezoneSchema,
  venue: venueSchema,
  sequence: z
    .number()
    .int()
    .nonnegative()
    .describe('reschedule counter of the session, used as the .ics SEQUENCE'),
});

/**
 * Links a participant acts through (they have no account). Each is an absolute URL holding a
 * signed token minted by the registration service. SENSITIVE: whoever reads one can act for the
 * participant; never log them, and keep topic/DLQ read access to the services that need them.
 */
export const participantLinkSchema = absoluteUrlSchema.describe(
  'absolute URL with a signed participant token (sensitive: do not log)',
);

/** Which registration, in which session, of which participant (pseudonymous id, stable per tenant). */
export const registrationRefShape = {
  registrationId: z.uuid(),
  sessionId: z.uuid(),
  participantId: z.uuid().describe('pseudonymous participant id, stable per tenant'),
};

/** Which payment, for which registration, in which session (the payment events). */
export const paymentRefShape = {
  paymentId: z.uuid(),
  registrationId: z.uuid(),
  sessionId: z.uuid(),
};

/**
 * Who a participant message goes to. Only events that make the notifications service write to
 * the participant carry these; consumers drop them on registration.participant-erased.
 */
export const recipientShape = {
  email: z.email().describe('personal data: only to send the message'),
  firstName: z.string().min(1).describe('personal data: only to greet the participant'),
};

/** The session a participant's message is about, with the link to cancel their place in it. */
export const sessionWithCancelLinkShape = {
  session: sessionSnapshotSchema,
  links: z.object({ cancel: participantLinkSchema }),
};

/** A local calendar date (YYYY-MM-DD), in the tenant's time zone. */
export const localDateSchema = z.iso.date();
