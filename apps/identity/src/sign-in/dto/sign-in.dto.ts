import { createDocumentedDto } from '@respire/platform';
import { z } from 'zod';
import { Region, REGIONS, regionSchema } from '@respire/contracts';
import { AccountPlace, SignInAccount } from '../../common/account-realm';
import { staffFields } from '../../staff/domain/staff-member';

export class RequestSignInDto extends createDocumentedDto(z.object({ email: staffFields.email })) {}

export class CompleteSignInDto extends createDocumentedDto(
  z.object({ token: z.string().min(1).max(200).describe('the secret from the link’s fragment (#jeton=…)') }),
) {}

export class SignInRequestedDto extends createDocumentedDto(z.object({ message: z.string() })) {}

const accountSchema = z.object({
  staffId: z.uuid().describe('the account’s id (a staff member’s or a funder’s)'),
  tenantId: z.uuid().nullable().describe('staff: their CPTS; funders: null'),
  tenantName: z.string().nullable(),
  tenantSlug: z.string().nullable(),
  region: regionSchema.nullable().describe('funders: the region they read; staff: null'),
  regionName: z.string().nullable(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(['coordinator', 'facilitator', 'funder'])),
  facilitatorId: z.uuid().nullable(),
});

/** The account as the back office shows it (the place: its CPTS for staff). */
export function accountResponse(
  account: SignInAccount,
  place: AccountPlace | null,
): z.infer<typeof accountSchema> {
  return {
    staffId: account.id,
    tenantId: account.tenantId,
    tenantName: account.tenantId ? (place?.name ?? null) : null,
    tenantSlug: account.tenantId ? (place?.slug ?? null) : null,
    region: (account.region as Region | null) ?? null,
    regionName: account.region ? REGIONS[account.region as Region] : null,
    name: account.name,
    email: account.email,
    roles: account.roles as ('coordinator' | 'facilitator' | 'funder')[],
    facilitatorId: account.facilitatorId,
  };
}

export class SignedInDto extends createDocumentedDto(
  z.object({ account: accountSchema.omit({ tenantName: true, tenantSlug: true }) }),
) {}

export class AccessTokenDto extends createDocumentedDto(
  z.object({
    accessToken: z.string().describe('Bearer token for the services’ /v1 routes'),
    expiresAt: z.string().describe('ISO instant; ask again a little before'),
    account: accountSchema,
  }),
) {}
