import { z } from 'zod';
import { defineEvent } from '../../event-definition';
import { Topic } from '../../topics';
import { PROGRAMME_EXAMPLE, programmeShape } from './programme-shape';

export const PROGRAMME_UPDATED_V1 = defineEvent({
  type: 'catalog.programme.updated',
  version: 1,
  topic: Topic.Catalog,
  description:
    'A programme changed. Carries the complete programme after the change: a consumer replaces what it holds.',
  schema: z.object(programmeShape),
  partitionKey: (data) => data.programmeId,
  keyedBy: 'programmeId',
  example: { ...PROGRAMME_EXAMPLE, endsOn: '2026-07-15' },
});

export type ProgrammeUpdatedV1 = z.infer<typeof PROGRAMME_UPDATED_V1.schema>;
