import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { camelRow, snakeRow } from '@respire/tenancy';
import { AccessTables } from '../../common/access-tables';
import { db } from '../../infrastructure/db';

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
    const { scope: scopeValue, accountId, ...columns } = session;
    await db(manager)
      .insertInto(sessions)
      .values({
        [scope]: scopeValue,
        [account]: accountId,
        ...snakeRow(columns),
        last_used_at: session.createdAt,
      })
      .execute();
  }

  /** The scope a session cookie belongs to (owner function), before that scope opens. */
  async scopeOf(manager: EntityManager, tokenHash: Buffer): Promise<string | null> {
    const {
      rows: [row],
    } = await sql<{
      scope: string | null;
    }>`SELECT ${sql.id(this.tables.sessionScope)}(${tokenHash}) AS scope`.execute(db(manager));
    return row?.scope ?? null;
  }

  async findByHash(manager: EntityManager, scope: string, tokenHash: Buffer): Promise<AccessSession | null> {
    const t = this.tables;
    const query = db(manager);
    const row = await query
      .selectFrom(t.sessions)
      .select([
        sql<string>`${sql.ref(t.scope)}`.as('scope'),
        'id',
        sql<string>`${sql.ref(t.account)}`.as('account_id'),
        'csrf_hash',
        'expires_at',
        'ended_at',
      ])
      .where(query.dynamic.ref(t.scope), '=', scope)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return null;
    const session: AccessSession = camelRow(row);
    return session;
  }

  async touch(manager: EntityManager, scope: string, id: string, at: Date): Promise<void> {
    await this.updateOne(manager, scope, id).set({ last_used_at: at }).execute();
  }

  async end(manager: EntityManager, scope: string, id: string, at: Date): Promise<void> {
    await this.updateOne(manager, scope, id).set({ ended_at: at }).where('ended_at', 'is', null).execute();
  }

  /** Ends every open session of one person; returns how many. */
  async endAllOf(manager: EntityManager, scope: string, accountId: string, at: Date): Promise<number> {
    const t = this.tables;
    const query = db(manager);
    const { numUpdatedRows } = await query
      .updateTable(t.sessions)
      .set({ ended_at: at })
      .where(query.dynamic.ref(t.scope), '=', scope)
      .where(query.dynamic.ref(t.account), '=', accountId)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    return Number(numUpdatedRows);
  }

  /** An UPDATE of one session of the scope, to add its SET to. */
  private updateOne(manager: EntityManager, scope: string, id: string) {
    const query = db(manager);
    return query
      .updateTable(this.tables.sessions)
      .where(query.dynamic.ref(this.tables.scope), '=', scope)
      .where('id', '=', id);
  }
}
