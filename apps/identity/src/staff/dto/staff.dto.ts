import { createDocumentedDto } from '@respire/platform';
import { z } from 'zod';
import { StaffMember, staffFields } from '../domain/staff-member';

export class CreateStaffDto extends createDocumentedDto(z.object(staffFields).strict()) {}

export class UpdateStaffDto extends createDocumentedDto(
  z
    .object({
      email: staffFields.email.optional(),
      name: staffFields.name.optional(),
      roles: staffFields.roles.optional(),
      facilitatorId: staffFields.facilitatorId,
    })
    .strict(),
) {}

const staffResponseSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(['coordinator', 'facilitator'])),
  facilitatorId: z.uuid().nullable(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});

export class StaffResponseDto extends createDocumentedDto(staffResponseSchema) {}

export class EndedSessionsDto extends createDocumentedDto(
  z.object({ ended: z.number().int().describe('sessions ended') }),
) {}

export function staffResponse(member: StaffMember): z.infer<typeof staffResponseSchema> {
  return {
    id: member.id,
    tenantId: member.tenantId,
    email: member.email,
    name: member.name,
    roles: member.roles,
    facilitatorId: member.facilitatorId,
    createdAt: member.createdAt.toISOString(),
    lastSignInAt: member.lastSignInAt?.toISOString() ?? null,
  };
}
