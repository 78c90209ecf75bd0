import { createDocumentedDto } from '@respire/platform';
import { regionSchema, REGIONS } from '@respire/contracts';
import { z } from 'zod';
import { Funder, funderFields } from '../domain/funder';

export class CreateFunderDto extends createDocumentedDto(z.object(funderFields).strict()) {}

const funderResponseSchema = z.object({
  id: z.uuid(),
  region: regionSchema,
  regionName: z.string(),
  email: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});

export class FunderResponseDto extends createDocumentedDto(funderResponseSchema) {}

export function funderResponse(funder: Funder): z.infer<typeof funderResponseSchema> {
  return {
    id: funder.id,
    region: funder.region,
    regionName: REGIONS[funder.region],
    email: funder.email,
    name: funder.name,
    createdAt: funder.createdAt.toISOString(),
    lastSignInAt: funder.lastSignInAt?.toISOString() ?? null,
  };
}
