import { z } from 'zod';

export const STAFF_ROLES = ['coordinator', 'facilitator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A staff account's fields as the API takes them (the e-mail address is stored lowercased). */
export const staffFields = {
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320)
    .pipe(z.email({ error: 'adresse e-mail invalide' }))
    .describe('the address sign-in links are sent to'),
  name: z.string().trim().min(1, 'le nom est requis').max(200).describe('first and last name'),
  roles: z
    .array(z.enum(STAFF_ROLES))
    .min(1, 'au moins un rôle')
    .transform((roles) => [...new Set(roles)].sort() as StaffRole[])
    .describe('coordinator, facilitator, or both'),
  facilitatorId: z
    .uuid()
    .nullable()
    .optional()
    .describe("the catalog's facilitator record this person leads sessions as (facilitators)"),
};

export interface StaffMember {
  tenantId: string;
  id: string;
  email: string;
  name: string;
  roles: StaffRole[];
  facilitatorId: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastSignInAt: Date | null;
}

/**
 * A team must keep a coordinator: nobody else can invite or remove people. Returns true when
 * removing `target` (or taking away its coordinator role) would leave none.
 */
export function wouldLeaveNoCoordinator(
  team: readonly StaffMember[],
  targetId: string,
  nextRoles: readonly StaffRole[] | null,
): boolean {
  const coordinatorsAfter = team.filter((member) => {
    const roles = member.id === targetId ? (nextRoles ?? []) : member.roles;
    return roles.includes('coordinator');
  });
  return coordinatorsAfter.length === 0 && team.some((member) => member.roles.includes('coordinator'));
}
