import { z } from 'zod';

/** An activity's state, carried whole by catalog.activity.created and .updated (v1). */
export const activityShape = {
  activityId: z.uuid(),
  programmeId: z.uuid().nullable(),
  title: z.string().min(1),
  category: z.string().min(1).describe('e.g. Énergie & Mouvement, Gestion des Émotions'),
  objective: z.string().nullable(),
  confidential: z
    .boolean()
    .describe('participation is sensitive (e.g. practice analysis, emotion management)'),
  individual: z
    .boolean()
    .optional()
    .describe(
      'individual support: one-person slots; reports show the activity as a whole, never a slot (absent = false)',
    ),
  facilitatorId: z.uuid().nullable(),
  venueId: z.uuid().nullable().describe('default venue of its sessions'),
  defaultDurationMinutes: z.number().int().positive().nullable(),
  defaultCapacity: z.number().int().positive().nullable(),
};

export const ACTIVITY_EXAMPLE = {
  activityId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c03',
  programmeId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c02',
  title: 'Pilates & respiration',
  category: 'Énergie & Mouvement',
  objective: 'Se défouler, faire le vide et se faire du bien.',
  confidential: false,
  individual: false,
  facilitatorId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c05',
  venueId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c04',
  defaultDurationMinutes: 60,
  defaultCapacity: 12,
};
