import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';
import { instantSchema, timezoneSchema, venueSchema } from '../fragments';

export const SESSION_RESCHEDULED_V1 = defineEvent({
  type: 'catalog.session.rescheduled',
  version: 1,
  topic: Topic.Catalog,
  description:
    'A published session moved in time and/or to another venue. Participants are told and their ' +
    'calendar invitation is updated (same UID, this sequence); reminders follow the new time.',
  schema: z.object({
    sessionId: z.uuid(),
    startsAt: instantSchema,
    endsAt: instantSchema,
    timezone: timezoneSchema,
    venue: venueSchema,
    previous: z.object({
      startsAt: instantSchema,
      endsAt: instantSchema,
      venue: venueSchema,
    }),
    sequence: z
      .number()
      .int()
      .positive()
      .describe('bumped at each reschedule of the session; the .ics SEQUENCE of the updated invitation'),
  }),
  ...keyedBySession,
  example: {
    sessionId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c06',
    startsAt: '2026-01-29T17:30:00.000Z',
    endsAt: '2026-01-29T18:30:00.000Z',
    timezone: 'Europe/Paris',
    venue: {
      id: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c04',
      name: 'Association Le Don du Souffle',
      address: '2 rue de l’Exemple, 25000 Besançon',
    },
    previous: {
      startsAt: '2026-01-22T17:30:00.000Z',
      endsAt: '2026-01-22T18:30:00.000Z',
      venue: {
        id: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c04',
        name: 'Association Le Don du Souffle',
        address: '2 rue de l’Exemple, 25000 Besançon',
      },
    },
    sequence: 1,
  },
});

export type SessionRescheduledV1 = z.infer<typeof SESSION_RESCHEDULED_V1.schema>;
