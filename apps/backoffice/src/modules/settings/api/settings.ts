import type { components } from '../../../api/generated/catalog';
import { unwrap } from '../../../api/api-error';
import { catalogApi } from '../../../api/client';

export type Tenant = components['schemas']['TenantResponseDto'];
export type TenantChanges = components['schemas']['UpdateTenantDto'];

export const getTenant = (id: string) =>
  unwrap(catalogApi.GET('/v1/tenants/{id}', { params: { path: { id } } }));
export const updateTenant = (id: string, body: TenantChanges) =>
  unwrap(catalogApi.PATCH('/v1/tenants/{id}', { params: { path: { id } }, body }));
