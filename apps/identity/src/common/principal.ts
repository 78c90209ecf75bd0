import { Injectable, PipeTransform } from '@nestjs/common';
import { REGION_CODES, Region } from '@respire/contracts';
import {
  FunderNotFoundError,
  RegionNotFoundError,
  StaffNotFoundError,
  TenantNotFoundError,
} from './identity-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID names nothing: 404. */
@Injectable()
class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly kind: 'staff' | 'tenant' | 'funder') {}

  transform(value: string): string {
    if (!UUID.test(value)) throw NOT_FOUND[this.kind]();
    return value.toLowerCase();
  }
}

const NOT_FOUND = {
  staff: () => new StaffNotFoundError(),
  tenant: () => new TenantNotFoundError(),
  funder: () => new FunderNotFoundError(),
};

export const idOf = (kind: 'staff' | 'tenant' | 'funder') => new IdPipe(kind);

/** A path region that is not a region code names nothing: 404. */
@Injectable()
export class RegionPipe implements PipeTransform<string, Region> {
  transform(value: string): Region {
    if (!(REGION_CODES as readonly string[]).includes(value)) throw new RegionNotFoundError();
    return value as Region;
  }
}
