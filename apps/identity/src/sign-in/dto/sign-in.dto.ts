import { createDocumentedDto } from '@respire/platform';
import { z } from 'zod';
import { staffFields } from '../../staff/domain/staff-member';

export class RequestSignInDto extends createDocumentedDto(z.object({ email: staffFields.email })) {}

export class CompleteSignInDto extends createDocumentedDto(
  z.object({ token: z.string().min(1).max(200).describe('the secret from the link’s fragment (#jeton=…)') }),
) {}

export class SignInRequestedDto extends createDocumentedDto(z.object({ message: z.string() })) {}

const accountSchema = z.object({
  staffId: z.uuid(),
  tenantId: z.uuid(),
  tenantName: z.string().nullable(),
  tenantSlug: z.string().nullable(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(['coordinator', 'facilitator'])),
  facilitatorId: z.uuid().nullable(),
});

export class SignedInDto extends createDocumentedDto(z.object({ account: accountSchema.omit({ tenantName: true, tenantSlug: true }) })) {}

export class AccessTokenDto extends createDocumentedDto(
  z.object({
    accessToken: z.string().describe('Bearer token for the services’ /v1 routes'),
    expiresAt: z.string().describe('ISO instant; ask again a little before'),
    account: accountSchema,
  }),
) {}
