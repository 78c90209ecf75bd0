import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { iso } from '../../common/sql';
import { VenueRow } from '../infrastructure/venue.repository';

const fields = {
  name: z.string().trim().min(1).max(200).describe('e.g. Association Le Don du Souffle'),
  address: z.string().trim().min(1).max(500).nullable().optional().describe('postal address on one line'),
  notes: z
    .string()
    .trim()
    .max(2000)
    .nullable()
    .optional()
    .describe('access, floor, parking… (shown to coordinators)'),
};

export class CreateVenueDto extends createZodDto(z.object(fields)) {}

export class UpdateVenueDto extends createZodDto(
  z.object({ ...fields, name: fields.name.optional() }).strict(),
) {}

export function venueResponse(row: VenueRow) {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    notes: row.notes,
    archived: row.archived_at !== null,
    archivedAt: iso(row.archived_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
