import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Sign-in links: only the SHA-256 of the secret is stored. */
@Injectable()
export class SignInLinkRepository {
  async insert(
    manager: EntityManager,
    link: { tenantId: string; staffId: string; tokenHash: Buffer; createdAt: Date; expiresAt: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO sign_in_links (tenant_id, token_hash, staff_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [link.tenantId, link.tokenHash, link.staffId, link.createdAt, link.expiresAt],
    );
  }

  async countSince(manager: EntityManager, tenantId: string, staffId: string, since: Date): Promise<number> {
    const rows: { count: string }[] = await manager.query(
      `SELECT count(*) AS count FROM sign_in_links WHERE tenant_id = $1 AND staff_id = $2 AND created_at > $3`,
      [tenantId, staffId, since],
    );
    return Number(rows[0].count);
  }

  /** Marks an unused, unexpired link used and says whose it is; null for any other link. */
  async consume(manager: EntityManager, tokenHash: Buffer, now: Date): Promise<{ tenantId: string; staffId: string } | null> {
    const rows: { tenant_id: string; staff_id: string }[] = await manager.query(
      `SELECT tenant_id, staff_id FROM sign_in_link_consume($1, $2)`,
      [tokenHash, now],
    );
    return rows[0] ? { tenantId: rows[0].tenant_id, staffId: rows[0].staff_id } : null;
  }

  /** Links past their expiry are useless; keep the table small. */
  async deleteExpired(manager: EntityManager, tenantId: string, before: Date): Promise<void> {
    await manager.query(`DELETE FROM sign_in_links WHERE tenant_id = $1 AND expires_at < $2`, [tenantId, before]);
  }
}
