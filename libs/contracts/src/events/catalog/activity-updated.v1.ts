import { z } from 'zod';
import { defineEvent } from '../../event-definition';
import { Topic } from '../../topics';
import { ACTIVITY_EXAMPLE, activityShape } from './activity-shape';

export const ACTIVITY_UPDATED_V1 = defineEvent({
  type: 'catalog.activity.updated',
  version: 1,
  topic: Topic.Catalog,
  description:
    'An activity changed. Carries the complete activity after the change: a consumer replaces what it holds. ' +
    "A session shows its activity's title and confidential flag: consumers holding sessions update them by activityId.",
  schema: z.object(activityShape),
  partitionKey: (data) => data.activityId,
  keyedBy: 'activityId',
  example: { ...ACTIVITY_EXAMPLE, title: 'Pilates, stretching & respiration' },
});

export type ActivityUpdatedV1 = z.infer<typeof ACTIVITY_UPDATED_V1.schema>;
