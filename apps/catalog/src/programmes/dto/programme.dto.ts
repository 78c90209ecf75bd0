import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { iso } from '../../common/sql';
import { programmeFieldsOf, ProgrammeRow } from '../infrastructure/programme.repository';

const fields = {
  title: z.string().trim().min(1).max(200).describe("e.g. L'instant des soignants"),
  description: z.string().trim().max(4000).nullable().optional(),
  startsOn: z.iso.date().nullable().optional().describe('first day of the period (local date)'),
  endsOn: z.iso.date().nullable().optional().describe('last day of the period (local date)'),
  funder: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .nullable()
    .optional()
    .describe('e.g. ARS Bourgogne-Franche-Comté'),
  partners: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
};

const periodInOrder = (value: { startsOn?: string | null; endsOn?: string | null }) =>
  !value.startsOn || !value.endsOn || value.endsOn >= value.startsOn;
const periodMessage = { message: 'endsOn must not be before startsOn', path: ['endsOn'] };

export class CreateProgrammeDto extends createZodDto(z.object(fields).refine(periodInOrder, periodMessage)) {}

export class UpdateProgrammeDto extends createZodDto(
  z
    .object({ ...fields, title: fields.title.optional() })
    .strict()
    .refine(periodInOrder, periodMessage),
) {}

export function programmeResponse(row: ProgrammeRow) {
  return {
    id: row.id,
    ...programmeFieldsOf(row),
    archived: row.archived_at !== null,
    archivedAt: iso(row.archived_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
