import { Injectable } from '@nestjs/common';
import { Selectable } from 'kysely';
import { NamedReferenceRows } from '../../common/resource-rows';
import { Venues } from '../../infrastructure/database';

export type VenueRow = Selectable<Venues>;

export interface VenueFields {
  name?: string;
  address?: string | null;
  notes?: string | null;
}

@Injectable()
export class VenueRepository extends NamedReferenceRows<'venues', VenueFields> {
  constructor() {
    super('venues');
  }

  protected columns(fields: VenueFields) {
    return { name: fields.name, address: fields.address, notes: fields.notes };
  }
}
