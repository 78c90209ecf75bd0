import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';
import { EXAMPLE_IDS, EXAMPLE_LINK_BASE, EXAMPLE_RECIPIENT, EXAMPLE_SESSION } from '../examples';
import {
  participantLinkSchema,
  recipientShape,
  registrationRefShape,
  sessionSnapshotSchema,
} from '../fragments';

export const REGISTRATION_ATTENDED_V1 = defineEvent({
  type: 'registration.attended',
  version: 1,
  topic: Topic.Registration,
  description:
    'A confirmed participant was checked in (it may also correct an earlier no-show). After the session ends ' +
    'they are asked for feedback through the feedback link.',
  schema: z.object({
    ...registrationRefShape,
    ...recipientShape,
    session: sessionSnapshotSchema,
    links: z.object({ feedback: participantLinkSchema }),
  }),
  ...keyedBySession,
  example: {
    ...EXAMPLE_IDS,
    ...EXAMPLE_RECIPIENT,
    session: EXAMPLE_SESSION,
    links: { feedback: `${EXAMPLE_LINK_BASE}/feedback?t=eyJhbGciOi...` },
  },
});

export type RegistrationAttendedV1 = z.infer<typeof REGISTRATION_ATTENDED_V1.schema>;
