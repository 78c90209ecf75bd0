import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';

export const SESSION_CANCELLED_V1 = defineEvent({
  type: 'catalog.session.cancelled',
  version: 1,
  topic: Topic.Catalog,
  description:
    'A published session was cancelled. The registration service cancels its registrations ' +
    "(registration.cancelled with by 'session-cancelled'), which is what participants are told from.",
  schema: z.object({
    sessionId: z.uuid(),
    reason: z
      .string()
      .min(1)
      .nullable()
      .describe('shown to participants; null when the coordinator gave none'),
  }),
  ...keyedBySession,
  example: {
    sessionId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c06',
    reason: "L'intervenante est malade ; la séance est reportée à une date ultérieure.",
  },
});

export type SessionCancelledV1 = z.infer<typeof SESSION_CANCELLED_V1.schema>;
