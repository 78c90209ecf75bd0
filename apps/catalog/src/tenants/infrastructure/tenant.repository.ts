import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TENANT_DEFAULTS } from '@respire/contracts';
import { TenantSettings } from '../domain/tenant-settings';

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

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  locale: string;
  sender_email: string | null;
  branding: TenantSettings['branding'];
  reminder_offsets_minutes: number[];
  waitlist_mode: 'offer' | 'auto-confirm';
  offer_ttl_minutes: number;
  offer_cutoff_minutes: number;
  late_cancellation_minutes: number;
  listening_lines: TenantSettings['listeningLines'];
  privacy_contact: string | null;
  embed_origins: string[];
  region: TenantSettings['region'];
  retention: TenantSettings['retention'] | null;
  payment_instructions: TenantSettings['paymentInstructions'] | null;
  created_at: Date;
  updated_at: Date;
}

function toRecord(row: TenantRow): TenantRecord {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timezone: row.timezone,
    locale: row.locale,
    senderEmail: row.sender_email,
    branding: row.branding,
    reminderOffsetsMinutes: row.reminder_offsets_minutes,
    waitlist: {
      mode: row.waitlist_mode,
      offerTtlMinutes: row.offer_ttl_minutes,
      offerCutoffMinutes: row.offer_cutoff_minutes,
    },
    lateCancellationMinutes: row.late_cancellation_minutes,
    listeningLines: row.listening_lines,
    privacyContact: row.privacy_contact,
    embedOrigins: row.embed_origins,
    region: row.region ?? null,
    ...(row.retention ? { retention: row.retention } : {}),
    paymentInstructions: row.payment_instructions ?? TENANT_DEFAULTS.paymentInstructions,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function settingsValues(s: TenantSettings): unknown[] {
  return [
    s.name,
    s.timezone,
    s.locale,
    s.senderEmail,
    JSON.stringify(s.branding),
    s.reminderOffsetsMinutes,
    s.waitlist.mode,
    s.waitlist.offerTtlMinutes,
    s.waitlist.offerCutoffMinutes,
    s.lateCancellationMinutes,
    JSON.stringify(s.listeningLines),
    s.privacyContact,
    s.embedOrigins ?? [],
    s.region ?? null,
    s.retention ? JSON.stringify(s.retention) : null,
    JSON.stringify(s.paymentInstructions ?? TENANT_DEFAULTS.paymentInstructions),
  ];
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
    const [row] = await manager.query(
      `INSERT INTO tenants (id, slug, name, timezone, locale, sender_email, branding, reminder_offsets_minutes,
                            waitlist_mode, offer_ttl_minutes, offer_cutoff_minutes, late_cancellation_minutes,
                            listening_lines, privacy_contact, embed_origins, region, retention, payment_instructions, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16, $17::jsonb, $18::jsonb, $19, $19)
       RETURNING *`,
      [id, slug, ...settingsValues(settings), now],
    );
    return toRecord(row);
  }

  /** The transaction's tenant, locked for update when asked. */
  async find(manager: EntityManager, id: string, lock = false): Promise<TenantRecord | null> {
    const rows: TenantRow[] = await manager.query(
      `SELECT * FROM tenants WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async updateSettings(
    manager: EntityManager,
    id: string,
    settings: TenantSettings,
    now: Date,
  ): Promise<TenantRecord> {
    const [rows] = await manager.query(
      `UPDATE tenants SET name = $2, timezone = $3, locale = $4, sender_email = $5, branding = $6::jsonb,
              reminder_offsets_minutes = $7, waitlist_mode = $8, offer_ttl_minutes = $9, offer_cutoff_minutes = $10,
              late_cancellation_minutes = $11, listening_lines = $12::jsonb, privacy_contact = $13, embed_origins = $14,
              region = $15, retention = $16::jsonb, payment_instructions = $17::jsonb, updated_at = $18
        WHERE id = $1 RETURNING *`,
      [id, ...settingsValues(settings), now],
    );
    return toRecord(rows[0]);
  }

  /** The zone a tenant's local times are read in (the transaction's tenant). */
  async timezoneOf(manager: EntityManager, id: string): Promise<string | null> {
    const rows: { timezone: string }[] = await manager.query(`SELECT timezone FROM tenants WHERE id = $1`, [
      id,
    ]);
    return rows[0]?.timezone ?? null;
  }

  /** Public: a slug names a tenant for anyone (the public programme). */
  async idBySlug(manager: EntityManager, slug: string): Promise<string | null> {
    const [row] = await manager.query(`SELECT tenant_id_by_slug($1) AS id`, [slug]);
    return row?.id ?? null;
  }

  /** Every tenant, for platform admins and jobs that visit each tenant in turn. */
  async directory(manager: EntityManager): Promise<TenantDirectoryEntry[]> {
    const rows: { id: string; slug: string; name: string; timezone: string; created_at: Date }[] =
      await manager.query(`SELECT * FROM tenant_directory()`);
    return rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      timezone: row.timezone,
      createdAt: row.created_at,
    }));
  }
}
