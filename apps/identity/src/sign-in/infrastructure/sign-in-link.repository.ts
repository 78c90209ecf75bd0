import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { snakeRow } from '@respire/tenancy';
import { AccessTables } from '../../common/access-tables';
import { db } from '../../infrastructure/db';

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
    const { scope: scopeValue, accountId, ...columns } = link;
    await db(manager)
      .insertInto(links)
      .values({ [scope]: scopeValue, [account]: accountId, ...snakeRow(columns) })
      .execute();
  }

  async countSince(manager: EntityManager, scope: string, accountId: string, since: Date): Promise<number> {
    const t = this.tables;
    const query = db(manager);
    const { n } = await query
      .selectFrom(t.links)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(query.dynamic.ref(t.scope), '=', scope)
      .where(query.dynamic.ref(t.account), '=', accountId)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** Marks an unused, unexpired link used and says whose it is; null for any other link (SECURITY DEFINER). */
  async consume(
    manager: EntityManager,
    tokenHash: Buffer,
    now: Date,
  ): Promise<{ scope: string; accountId: string } | null> {
    const t = this.tables;
    const {
      rows: [row],
    } = await sql<{ scope: string; account_id: string }>`
      SELECT ${sql.ref(t.scope)} AS scope, ${sql.ref(t.account)} AS account_id
        FROM ${sql.id(t.consumeLink)}(${tokenHash}, ${now})`.execute(db(manager));
    return row ? { scope: row.scope, accountId: row.account_id } : null;
  }

  /** Links past their expiry are useless; keep the table small. */
  async deleteExpired(manager: EntityManager, scope: string, before: Date): Promise<void> {
    const query = db(manager);
    await query
      .deleteFrom(this.tables.links)
      .where(query.dynamic.ref(this.tables.scope), '=', scope)
      .where('expires_at', '<', before)
      .execute();
  }
}
