import { Injectable } from '@nestjs/common';
import { Selectable } from 'kysely';
import { NamedReferenceRows } from '../../common/resource-rows';
import { Facilitators } from '../../infrastructure/database';

export type FacilitatorRow = Selectable<Facilitators>;

export interface FacilitatorFields {
  name?: string;
  email?: string | null;
  phone?: string | null;
  bio?: string | null;
}

@Injectable()
export class FacilitatorRepository extends NamedReferenceRows<'facilitators', FacilitatorFields> {
  constructor() {
    super('facilitators');
  }

  protected columns(fields: FacilitatorFields) {
    return { name: fields.name, email: fields.email, phone: fields.phone, bio: fields.bio };
  }
}
