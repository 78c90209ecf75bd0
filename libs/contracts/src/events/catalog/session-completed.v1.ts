import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';

export const SESSION_COMPLETED_V1 = defineEvent({
  type: 'catalog.session.completed',
  version: 1,
  topic: Topic.Catalog,
  description: 'A published session took place and is over (status completed). Attendance can now be closed.',
  schema: z.object({
    sessionId: z.uuid(),
  }),
  ...keyedBySession,
  example: { sessionId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c06' },
});

export type SessionCompletedV1 = z.infer<typeof SESSION_COMPLETED_V1.schema>;
