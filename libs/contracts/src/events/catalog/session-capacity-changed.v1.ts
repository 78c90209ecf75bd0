import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';

export const SESSION_CAPACITY_CHANGED_V1 = defineEvent({
  type: 'catalog.session.capacity-changed',
  version: 1,
  topic: Topic.Catalog,
  description:
    'The number of seats of a published session changed. When it rises, waitlisted participants get the new seats; ' +
    'when it falls, registrations already confirmed are kept.',
  schema: z.object({
    sessionId: z.uuid(),
    previousCapacity: z.number().int().positive(),
    capacity: z.number().int().positive(),
  }),
  ...keyedBySession,
  example: {
    sessionId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c06',
    previousCapacity: 12,
    capacity: 15,
  },
});

export type SessionCapacityChangedV1 = z.infer<typeof SESSION_CAPACITY_CHANGED_V1.schema>;
