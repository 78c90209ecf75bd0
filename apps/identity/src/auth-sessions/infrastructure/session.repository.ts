import { EntityManager } from 'typeorm';
import { AccessTables } from '../../common/access-tables';

export interface AccessSession {
  /** The account's tenant (staff) or region (funders). */
  scope: string;
  id: string;
  accountId: string;
  csrfHash: Buffer;
  expiresAt: Date;
  endedAt: Date | null;
}

/** Sessions of one kind of account: the cookie's secret and the CSRF token are stored hashed. */
export class SessionRepository {
  constructor(private readonly tables: AccessTables) {}

  async insert(
    manager: EntityManager,
    session: AccessSession & { tokenHash: Buffer; userAgent: string | null; createdAt: Date },
  ): Promise<void> {
    const { sessions, scope, account } = this.tables;
    await manager.query(
      `INSERT INTO ${sessions} (${scope}, id, ${account}, token_hash, csrf_hash, user_agent, created_at, last_used_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)`,
      [
        session.scope,
        session.id,
        session.accountId,
        session.tokenHash,
        session.csrfHash,
        session.userAgent,
        session.createdAt,
        session.expiresAt,
      ],
    );
  }

  /** The scope a session cookie belongs to (owner function), before that scope opens. */
  async scopeOf(manager: EntityManager, tokenHash: Buffer): Promise<string | null> {
    const rows: { scope: string | null }[] = await manager.query(
      `SELECT ${this.tables.sessionScope}($1) AS scope`,
      [tokenHash],
    );
    return rows[0]?.scope ?? null;
  }

  async findByHash(manager: EntityManager, scope: string, tokenHash: Buffer): Promise<AccessSession | null> {
    const t = this.tables;
    const rows: {
      scope: string;
      id: string;
      account_id: string;
      csrf_hash: Buffer;
      expires_at: Date;
      ended_at: Date | null;
    }[] = await manager.query(
      `SELECT ${t.scope} AS scope, id, ${t.account} AS account_id, csrf_hash, expires_at, ended_at
           FROM ${t.sessions} WHERE ${t.scope} = $1 AND token_hash = $2`,
      [scope, tokenHash],
    );
    const row = rows[0];
    return row
      ? {
          scope: row.scope,
          id: row.id,
          accountId: row.account_id,
          csrfHash: row.csrf_hash,
          expiresAt: row.expires_at,
          endedAt: row.ended_at,
        }
      : null;
  }

  async touch(manager: EntityManager, scope: string, id: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE ${this.tables.sessions} SET last_used_at = $3 WHERE ${this.tables.scope} = $1 AND id = $2`,
      [scope, id, at],
    );
  }

  async end(manager: EntityManager, scope: string, id: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE ${this.tables.sessions} SET ended_at = $3 WHERE ${this.tables.scope} = $1 AND id = $2 AND ended_at IS NULL`,
      [scope, id, at],
    );
  }

  /** Ends every open session of one person; returns how many. */
  async endAllOf(manager: EntityManager, scope: string, accountId: string, at: Date): Promise<number> {
    const t = this.tables;
    const rows: unknown[] = await manager.query(
      `UPDATE ${t.sessions} SET ended_at = $3
       WHERE ${t.scope} = $1 AND ${t.account} = $2 AND ended_at IS NULL AND expires_at > $3 RETURNING id`,
      [scope, accountId, at],
    );
    return (rows[0] as unknown[] | undefined)?.length ?? 0;
  }
}
