import { Injectable } from '@nestjs/common';
import { Selectable, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { TENANT_DEFAULTS } from '@respire/contracts';
import { camelRow, jsonb, snakeRow } from '@respire/tenancy';
import { Tenants } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
import { settingsOf, TenantSettings } from '../domain/tenant-settings';

export interface TenantRecord extends TenantSettings {
  id: string;
  slug: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface TenantDirectoryEntry {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  createdAt: Date;
}

type TenantRow = Selectable<Tenants>;

function toRecord(row: TenantRow): TenantRecord {
  const {
    waitlist_mode: mode,
    offer_ttl_minutes: offerTtlMinutes,
    offer_cutoff_minutes: offerCutoffMinutes,
    retention,
    payment_instructions: paymentInstructions,
    ...columns
  } = row;
  const record: Omit<TenantRecord, 'waitlist' | 'retention' | 'paymentInstructions'> = camelRow(columns);
  return {
    ...record,
    waitlist: { mode, offerTtlMinutes, offerCutoffMinutes },
    ...(retention ? { retention } : {}),
    paymentInstructions: paymentInstructions ?? TENANT_DEFAULTS.paymentInstructions,
  };
}

/**
 * The settings' columns, for an insert or an update: each plain setting under its column's name,
 * the waitlist in three columns, the JSON ones as jsonb (settingsOf keeps nothing but settings).
 */
function settingsColumns(settings: TenantSettings) {
  const {
    waitlist,
    branding,
    listeningLines,
    embedOrigins,
    region,
    retention,
    paymentInstructions,
    ...plain
  } = settingsOf(settings);
  return {
    ...snakeRow(plain),
    waitlist_mode: waitlist.mode,
    offer_ttl_minutes: waitlist.offerTtlMinutes,
    offer_cutoff_minutes: waitlist.offerCutoffMinutes,
    branding: jsonb(branding),
    listening_lines: jsonb(listeningLines),
    embed_origins: embedOrigins ?? [],
    region: region ?? null,
    retention: retention ? jsonb(retention) : null,
    payment_instructions: jsonb(paymentInstructions ?? TENANT_DEFAULTS.paymentInstructions),
  };
}

/**
 * Tenants, read and written inside a transaction whose `app.tenant_id` is the tenant itself
 * (row-level security shows each transaction its own row only). Crossing tenants goes through
 * the two SECURITY DEFINER functions of the schema, nothing else.
 */
@Injectable()
export class TenantRepository {
  async insert(
    manager: EntityManager,
    id: string,
    slug: string,
    settings: TenantSettings,
    now: Date,
  ): Promise<TenantRecord> {
    const row = await db(manager)
      .insertInto('tenants')
      .values({ id, slug, ...settingsColumns(settings), created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  /** The transaction's tenant, locked for update when asked. */
  async find(manager: EntityManager, id: string, lock = false): Promise<TenantRecord | null> {
    const row = await db(manager)
      .selectFrom('tenants')
      .selectAll()
      .where('id', '=', id)
      .$if(lock, (query) => query.forUpdate())
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async updateSettings(
    manager: EntityManager,
    id: string,
    settings: TenantSettings,
    now: Date,
  ): Promise<TenantRecord> {
    const row = await db(manager)
      .updateTable('tenants')
      .set({ ...settingsColumns(settings), updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  /** The zone a tenant's local times are read in (the transaction's tenant). */
  async timezoneOf(manager: EntityManager, id: string): Promise<string | null> {
    const row = await db(manager)
      .selectFrom('tenants')
      .select('timezone')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.timezone ?? null;
  }

  /** Public: a slug names a tenant for anyone (the public programme). */
  async idBySlug(manager: EntityManager, slug: string): Promise<string | null> {
    const { rows } = await sql<{ id: string | null }>`SELECT tenant_id_by_slug(${slug}) AS id`.execute(
      db(manager),
    );
    return rows[0]?.id ?? null;
  }

  /** Every tenant, for platform admins and jobs that visit each tenant in turn. */
  async directory(manager: EntityManager): Promise<TenantDirectoryEntry[]> {
    const { rows } = await sql<{
      id: string;
      slug: string;
      name: string;
      timezone: string;
      created_at: Date;
    }>`
      SELECT * FROM tenant_directory()`.execute(db(manager));
    return rows.map((row): TenantDirectoryEntry => camelRow(row));
  }
}
