import { Injectable, PipeTransform } from '@nestjs/common';
import { Principal } from '@respire/tenancy';
import { StaffNotFoundError, TenantNotFoundError, TenantRequiredError } from './identity-errors';

/** The tenant a back-office request acts in: always the token's. */
export function tenantOf(principal: Principal): string {
  if (!principal.tenantId) throw new TenantRequiredError();
  return principal.tenantId;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID names nothing: 404. */
@Injectable()
class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly kind: 'staff' | 'tenant') {}

  transform(value: string): string {
    if (!UUID.test(value)) throw this.kind === 'staff' ? new StaffNotFoundError() : new TenantNotFoundError();
    return value.toLowerCase();
  }
}

export const idOf = (kind: 'staff' | 'tenant') => new IdPipe(kind);
