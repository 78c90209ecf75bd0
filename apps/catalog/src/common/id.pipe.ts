import { Injectable, PipeTransform } from '@nestjs/common';
import { ResourceKind, ResourceNotFoundError } from './catalog-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID names nothing: 404, like a missing resource (never a 500 from PostgreSQL). */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly kind: ResourceKind) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new ResourceNotFoundError(this.kind);
    return value.toLowerCase();
  }
}

export const idOf = (kind: ResourceKind) => new IdPipe(kind);
