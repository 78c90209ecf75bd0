import { z } from 'zod';
import { practiceModeSchema, professionSchema } from '../../domain-values';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';
import { instantSchema, venueSchema } from '../fragments';

export const SESSION_PUBLISHED_V1 = defineEvent({
  type: 'catalog.session.published',
  version: 1,
  topic: Topic.Catalog,
  description: 'A session was published: it is open to registration and visible in the public programme.',
  schema: z.object({
    sessionId: z.uuid(),
    activityId: z.uuid(),
    title: z.string(),
    category: z.string(),
    confidential: z.boolean(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    timezone: z.string(),
    capacity: z.number().int().positive(),
    programmeId: z.uuid().nullable(),
    venue: venueSchema,
    facilitatorId: z.uuid().nullable(),
    registrationOpensAt: instantSchema.nullable().describe('null: open as soon as published'),
    registrationClosesAt: instantSchema.nullable().describe('null: open until the session starts'),
    eligibleProfessions: z.array(professionSchema).describe('professions that may register; empty = all'),
    eligiblePracticeModes: z
      .array(practiceModeSchema)
      .optional()
      .describe(
        'practice modes that may register (libéral, salarié, mixte, étudiant); empty or absent = all',
      ),
    priceCents: z.number().int().nonnegative().describe('price in euro cents, usually 0'),
    sequence: z
      .number()
      .int()
      .nonnegative()
      .describe('reschedule counter at publication (the .ics SEQUENCE), usually 0'),
    facilitatorName: z
      .string()
      .min(1)
      .nullable()
      .optional()
      .describe('the facilitator as named on attendance sheets; absent from older events'),
    programmeTitle: z
      .string()
      .min(1)
      .nullable()
      .optional()
      .describe('the programme the session belongs to; absent from older events'),
    funder: z
      .string()
      .min(1)
      .nullable()
      .optional()
      .describe("the programme's funder (e.g. ARS Bourgogne-Franche-Comté); absent from older events"),
  }),
  ...keyedBySession,
  example: {
    sessionId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c06',
    activityId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c03',
    title: 'Pilates & respiration',
    category: 'Énergie & Mouvement',
    confidential: false,
    startsAt: '2026-01-22T17:30:00.000Z',
    endsAt: '2026-01-22T18:30:00.000Z',
    timezone: 'Europe/Paris',
    capacity: 12,
    programmeId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c02',
    venue: {
      id: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c04',
      name: 'Association Le Don du Souffle',
      address: '2 rue de l’Exemple, 25000 Besançon',
    },
    facilitatorId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c05',
    registrationOpensAt: null,
    registrationClosesAt: '2026-01-22T11:00:00.000Z',
    eligibleProfessions: [],
    eligiblePracticeModes: [],
    priceCents: 0,
    sequence: 0,
    facilitatorName: 'Sophie Durand',
    programmeTitle: "L'instant des soignants",
    funder: 'ARS Bourgogne-Franche-Comté',
  },
});

export type SessionPublishedV1 = z.infer<typeof SESSION_PUBLISHED_V1.schema>;
