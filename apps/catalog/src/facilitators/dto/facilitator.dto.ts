import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { iso } from '../../common/sql';
import { FacilitatorRow } from '../infrastructure/facilitator.repository';

const fields = {
  name: z.string().trim().min(1).max(200).describe('e.g. the sophrologist leading the workshop'),
  email: z.email().nullable().optional(),
  phone: z.string().trim().min(1).max(40).nullable().optional(),
  bio: z.string().trim().max(4000).nullable().optional(),
};

export class CreateFacilitatorDto extends createZodDto(z.object(fields)) {}

export class UpdateFacilitatorDto extends createZodDto(
  z.object({ ...fields, name: fields.name.optional() }).strict(),
) {}

export function facilitatorResponse(row: FacilitatorRow) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    bio: row.bio,
    archived: row.archived_at !== null,
    archivedAt: iso(row.archived_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
