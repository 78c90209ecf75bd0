import { z } from 'zod';

/** A programme's state, carried whole by catalog.programme.created and .updated (v1). */
export const programmeShape = {
  programmeId: z.uuid(),
  title: z.string().min(1),
  description: z.string().nullable(),
  startsOn: z.iso.date().nullable().describe('first day of the programme period (local date)'),
  endsOn: z.iso.date().nullable().describe('last day of the programme period (local date)'),
  funder: z
    .string()
    .nullable()
    .describe('who funds the programme (e.g. ARS Bourgogne-Franche-Comté), for funder reports'),
  partners: z.array(z.string().min(1)),
};

export const PROGRAMME_EXAMPLE = {
  programmeId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c02',
  title: "L'instant des soignants",
  description: 'Ateliers bien-être gratuits, pensés par et pour les soignants.',
  startsOn: '2026-01-05',
  endsOn: '2026-06-30',
  funder: 'ARS Bourgogne-Franche-Comté',
  partners: ['Association Le Don du Souffle'],
};
