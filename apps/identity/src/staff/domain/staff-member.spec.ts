import { z } from 'zod';
import { StaffMember, staffFields, wouldLeaveNoCoordinator } from './staff-member';

const member = (id: string, roles: StaffMember['roles']): StaffMember => ({
  tenantId: 't',
  id,
  email: `${id}@cpts.fr`,
  name: id,
  roles,
  facilitatorId: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  lastSignInAt: null,
});

describe('staff fields', () => {
  const schema = z.object(staffFields);

  it('stores the address lowercased and the roles once each, sorted', () => {
    expect(
      schema.parse({
        email: ' Anne.Martin@CPTS.fr ',
        name: 'Anne Martin',
        roles: ['facilitator', 'coordinator', 'facilitator'],
      }),
    ).toEqual({ email: 'anne.martin@cpts.fr', name: 'Anne Martin', roles: ['coordinator', 'facilitator'] });
  });

  it('refuses an unknown role or none', () => {
    expect(schema.safeParse({ email: 'a@b.fr', name: 'A', roles: [] }).success).toBe(false);
    expect(schema.safeParse({ email: 'a@b.fr', name: 'A', roles: ['platform-admin'] }).success).toBe(false);
  });
});

describe('wouldLeaveNoCoordinator', () => {
  const team = [
    member('anne', ['coordinator']),
    member('paul', ['facilitator']),
    member('lea', ['coordinator', 'facilitator']),
  ];

  it('lets one of two coordinators go', () => {
    expect(wouldLeaveNoCoordinator(team, 'anne', null)).toBe(false);
  });

  it('keeps the last coordinator, removed or demoted', () => {
    const two = team.slice(0, 2);
    expect(wouldLeaveNoCoordinator(two, 'anne', null)).toBe(true);
    expect(wouldLeaveNoCoordinator(two, 'anne', ['facilitator'])).toBe(true);
    expect(wouldLeaveNoCoordinator(two, 'paul', null)).toBe(false);
  });
});
