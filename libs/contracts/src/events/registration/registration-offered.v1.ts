import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';
import { EXAMPLE_IDS, EXAMPLE_LINK_BASE, EXAMPLE_RECIPIENT, EXAMPLE_SESSION } from '../examples';
import {
  instantSchema,
  participantLinkSchema,
  recipientShape,
  registrationRefShape,
  sessionSnapshotSchema,
} from '../fragments';

export const REGISTRATION_OFFERED_V1 = defineEvent({
  type: 'registration.offered',
  version: 1,
  topic: Topic.Registration,
  description:
    'A seat freed up and is held for the first waitlisted participant until `offerExpiresAt`. They are sent ' +
    'links to accept or decline. Followed by registration.offer-accepted (and registration.confirmed), ' +
    '.offer-declined or .offer-expired.',
  schema: z.object({
    ...registrationRefShape,
    ...recipientShape,
    offerExpiresAt: instantSchema.describe('the seat is released at this instant if not accepted'),
    session: sessionSnapshotSchema,
    links: z.object({ accept: participantLinkSchema, decline: participantLinkSchema }),
  }),
  ...keyedBySession,
  example: {
    ...EXAMPLE_IDS,
    ...EXAMPLE_RECIPIENT,
    offerExpiresAt: '2026-01-21T09:00:00.000Z',
    session: EXAMPLE_SESSION,
    links: {
      accept: `${EXAMPLE_LINK_BASE}/accept?t=eyJhbGciOi...`,
      decline: `${EXAMPLE_LINK_BASE}/decline?t=eyJhbGciOi...`,
    },
  },
});

export type RegistrationOfferedV1 = z.infer<typeof REGISTRATION_OFFERED_V1.schema>;
