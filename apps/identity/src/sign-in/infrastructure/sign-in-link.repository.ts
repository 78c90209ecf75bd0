import { EntityManager } from 'typeorm';
import { AccessTables } from '../../common/access-tables';

export interface SignInLinkRecord {
  /** The account's tenant (staff) or region (funders). */
  scope: string;
  accountId: string;
  tokenHash: Buffer;
  createdAt: Date;
  expiresAt: Date;
}

/** Sign-in links of one kind of account: only the SHA-256 of the secret is stored. */
export class SignInLinkRepository {
  constructor(private readonly tables: AccessTables) {}

  async insert(manager: EntityManager, link: SignInLinkRecord): Promise<void> {
    const { links, scope, account } = this.tables;
    await manager.query(
      `INSERT INTO ${links} (${scope}, token_hash, ${account}, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [link.scope, link.tokenHash, link.accountId, link.createdAt, link.expiresAt],
    );
  }

  async countSince(manager: EntityManager, scope: string, accountId: string, since: Date): Promise<number> {
    const t = this.tables;
    const rows: { count: string }[] = await manager.query(
      `SELECT count(*) AS count FROM ${t.links} WHERE ${t.scope} = $1 AND ${t.account} = $2 AND created_at > $3`,
      [scope, accountId, since],
    );
    return Number(rows[0].count);
  }

  /** Marks an unused, unexpired link used and says whose it is; null for any other link. */
  async consume(
    manager: EntityManager,
    tokenHash: Buffer,
    now: Date,
  ): Promise<{ scope: string; accountId: string } | null> {
    const t = this.tables;
    const rows: { scope: string; account_id: string }[] = await manager.query(
      `SELECT ${t.scope} AS scope, ${t.account} AS account_id FROM ${t.consumeLink}($1, $2)`,
      [tokenHash, now],
    );
    return rows[0] ? { scope: rows[0].scope, accountId: rows[0].account_id } : null;
  }

  /** Links past their expiry are useless; keep the table small. */
  async deleteExpired(manager: EntityManager, scope: string, before: Date): Promise<void> {
    await manager.query(
      `DELETE FROM ${this.tables.links} WHERE ${this.tables.scope} = $1 AND expires_at < $2`,
      [scope, before],
    );
  }
}
