import type { components } from '../../../api/generated/identity';
import { unwrap } from '../../../api/api-error';
import { identityApi } from '../../../api/client';

export type StaffMember = components['schemas']['StaffResponseDto'];
export type NewStaff = components['schemas']['CreateStaffDto'];

export const listStaff = () => unwrap(identityApi.GET('/v1/staff'));
export const inviteStaff = (body: NewStaff) => unwrap(identityApi.POST('/v1/staff', { body }));
export const removeStaff = (id: string) =>
  unwrap(identityApi.DELETE('/v1/staff/{id}', { params: { path: { id } } }));
export const endSessions = (id: string) =>
  unwrap(identityApi.POST('/v1/staff/{id}/sign-out', { params: { path: { id } } }));
