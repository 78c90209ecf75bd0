import { z } from 'zod';
import { defineEvent } from '../../event-definition';
import { Topic } from '../../topics';
import { EXAMPLE_IDS, EXAMPLE_RECIPIENT } from '../examples';
import { instantSchema, participantLinkSchema, recipientShape } from '../fragments';

export const REGISTRATION_ACCESS_LINK_REQUESTED_V1 = defineEvent({
  type: 'registration.access-link-requested',
  version: 1,
  topic: Topic.Registration,
  description:
    'Someone asked, on the public "my registrations" page, for a link to the registrations of an address, and the ' +
    'address is a participant of this CPTS. The participant is mailed `link` (the page listing their current ' +
    'registrations, where they can cancel them and correct their details), which works until `expiresAt`. ' +
    'Nothing is published for an unknown address, and the public answer is the same either way. Requests for one ' +
    'address are throttled, so this event is not a count of requests.',
  schema: z.object({
    participantId: z.uuid().describe('pseudonymous participant id, stable per tenant'),
    ...recipientShape,
    link: participantLinkSchema,
    expiresAt: instantSchema.describe('the link stops working at this instant'),
  }),
  partitionKey: (data) => data.participantId,
  keyedBy: 'participantId',
  example: {
    participantId: EXAMPLE_IDS.participantId,
    ...EXAMPLE_RECIPIENT,
    link: 'https://respire.example.org/mes-inscriptions?token=AaGYxqJLHnw6nxAtXop7bAE...',
    expiresAt: '2026-01-21T09:00:00.000Z',
  },
});

export type RegistrationAccessLinkRequestedV1 = z.infer<typeof REGISTRATION_ACCESS_LINK_REQUESTED_V1.schema>;
