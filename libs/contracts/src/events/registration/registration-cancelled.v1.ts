import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';
import { EXAMPLE_IDS, EXAMPLE_RECIPIENT, EXAMPLE_SESSION } from '../examples';
import { recipientShape, registrationRefShape, sessionSnapshotSchema } from '../fragments';

export const REGISTRATION_CANCELLED_V1 = defineEvent({
  type: 'registration.cancelled',
  version: 1,
  topic: Topic.Registration,
  description:
    'A confirmed, waitlisted or offered registration was cancelled: by the participant, by a coordinator, or ' +
    'because the session was cancelled (one event per registration). The participant is told; their reminders ' +
    'are dropped; a freed seat goes to the waitlist.',
  schema: z.object({
    ...registrationRefShape,
    ...recipientShape,
    previousStatus: z
      .enum(['confirmed', 'waitlisted', 'offered'])
      .describe('only confirmed and offered registrations held a seat'),
    by: z.enum(['participant', 'coordinator', 'session-cancelled']),
    reason: z
      .string()
      .min(1)
      .nullable()
      .describe("shown to the participant: the session's cancellation reason, or the coordinator's note"),
    lateCancellation: z
      .boolean()
      .describe(
        "cancelled within the tenant's late-cancellation window; always false when by is session-cancelled",
      ),
    minutesBeforeStart: z
      .number()
      .int()
      .describe('minutes between the cancellation and the session start (negative once it has started)'),
    session: sessionSnapshotSchema,
  }),
  ...keyedBySession,
  example: {
    ...EXAMPLE_IDS,
    ...EXAMPLE_RECIPIENT,
    previousStatus: 'confirmed',
    by: 'participant',
    reason: null,
    lateCancellation: true,
    minutesBeforeStart: 185,
    session: EXAMPLE_SESSION,
  },
});

export type RegistrationCancelledV1 = z.infer<typeof REGISTRATION_CANCELLED_V1.schema>;
