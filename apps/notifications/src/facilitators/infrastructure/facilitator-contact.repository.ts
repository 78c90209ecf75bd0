import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface FacilitatorContact {
  facilitatorId: string;
  name: string;
  email: string;
}

/**
 * Where a facilitator's attendee list goes. The catalog contract (v1) names facilitators by id
 * only, so coordinators give the address here until the catalog publishes it.
 */
@Injectable()
export class FacilitatorContactRepository {
  async get(
    manager: EntityManager,
    tenantId: string,
    facilitatorId: string,
  ): Promise<FacilitatorContact | null> {
    const rows: { facilitator_id: string; name: string; email: string }[] = await manager.query(
      `SELECT facilitator_id, name, email FROM facilitator_contact WHERE tenant_id = $1 AND facilitator_id = $2`,
      [tenantId, facilitatorId],
    );
    return rows[0]
      ? { facilitatorId: rows[0].facilitator_id, name: rows[0].name, email: rows[0].email }
      : null;
  }

  async save(manager: EntityManager, tenantId: string, contact: FacilitatorContact): Promise<void> {
    await manager.query(
      `INSERT INTO facilitator_contact (tenant_id, facilitator_id, name, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, facilitator_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, updated_at = now()`,
      [tenantId, contact.facilitatorId, contact.name, contact.email],
    );
  }
}
