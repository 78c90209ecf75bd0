import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { db } from '../../infrastructure/db';

/** Sign-in links: only the SHA-256 of the secret is stored. */
@Injectable()
export class SignInLinkRepository {
  async insert(
    manager: EntityManager,
    link: { tenantId: string; staffId: string; tokenHash: Buffer; createdAt: Date; expiresAt: Date },
  ): Promise<void> {
    await db(manager)
      .insertInto('sign_in_links')
      .values({
        tenant_id: link.tenantId,
        token_hash: link.tokenHash,
        staff_id: link.staffId,
        created_at: link.createdAt,
        expires_at: link.expiresAt,
      })
      .execute();
  }

  async countSince(manager: EntityManager, tenantId: string, staffId: string, since: Date): Promise<number> {
    const { count } = await db(manager)
      .selectFrom('sign_in_links')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('tenant_id', '=', tenantId)
      .where('staff_id', '=', staffId)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  /** Marks an unused, unexpired link used and says whose it is; null for any other link. */
  async consume(
    manager: EntityManager,
    tokenHash: Buffer,
    now: Date,
  ): Promise<{ tenantId: string; staffId: string } | null> {
    const { rows } = await sql<{ tenant_id: string; staff_id: string }>`
      SELECT tenant_id, staff_id FROM sign_in_link_consume(${tokenHash}, ${now})`.execute(db(manager));
    return rows[0] ? { tenantId: rows[0].tenant_id, staffId: rows[0].staff_id } : null;
  }

  /** Links past their expiry are useless; keep the table small. */
  async deleteExpired(manager: EntityManager, tenantId: string, before: Date): Promise<void> {
    await db(manager)
      .deleteFrom('sign_in_links')
      .where('tenant_id', '=', tenantId)
      .where('expires_at', '<', before)
      .execute();
  }
}
