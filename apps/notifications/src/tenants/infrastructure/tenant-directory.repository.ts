import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TENANT_DEFAULTS } from '@respire/contracts';
import { DEFAULT_LISTENING_LINES, defaultTenantSettings, TenantSettings } from '../domain/tenant-settings';

export interface TenantRow {
  tenant_id: string;
  slug: string | null;
  name: string | null;
  timezone: string;
  locale: string;
  sender_email: string | null;
  branding: TenantSettings['branding'];
  reminder_offsets_minutes: number[];
  listening_lines: TenantSettings['listeningLines'] | null;
  privacy_contact: string | null;
  payment_instructions: TenantSettings['paymentInstructions'] | null;
}

export type TenantSettingsInput = Omit<TenantSettings, 'tenantId' | 'slug' | 'paymentInstructions'>;

/** The tenants this service knows and their message settings (no row-level security: see the migration). */
@Injectable()
export class TenantDirectoryRepository {
  /** Replaces the settings, unless a later settings event was already applied. */
  async saveSettings(
    manager: EntityManager,
    tenantId: string,
    slug: string | null,
    settings: TenantSettingsInput,
    occurredAt: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO tenant_directory AS t
         (tenant_id, slug, name, timezone, locale, sender_email, branding, reminder_offsets_minutes,
          listening_lines, privacy_contact, settings_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::integer[], $9::jsonb, $10, $11)
       ON CONFLICT (tenant_id) DO UPDATE SET
         slug = coalesce(EXCLUDED.slug, t.slug), name = EXCLUDED.name, timezone = EXCLUDED.timezone,
         locale = EXCLUDED.locale, sender_email = EXCLUDED.sender_email, branding = EXCLUDED.branding,
         reminder_offsets_minutes = EXCLUDED.reminder_offsets_minutes, listening_lines = EXCLUDED.listening_lines,
         privacy_contact = EXCLUDED.privacy_contact, settings_from = EXCLUDED.settings_from, updated_at = now()
       WHERE t.settings_from IS NULL OR t.settings_from <= EXCLUDED.settings_from
       RETURNING tenant_id`,
      [
        tenantId,
        slug,
        settings.name,
        settings.timezone,
        settings.locale,
        settings.senderEmail,
        JSON.stringify(settings.branding),
        settings.reminderOffsetsMinutes,
        JSON.stringify(settings.listeningLines),
        settings.privacyContact,
        occurredAt,
      ],
    );
    return rows.length > 0;
  }

  /** A tenant's events can arrive before its settings (other topic): note the tenant, with defaults. */
  async ensure(manager: EntityManager, tenantId: string): Promise<void> {
    const d = defaultTenantSettings(tenantId);
    await manager.query(
      `INSERT INTO tenant_directory (tenant_id, timezone, locale, reminder_offsets_minutes)
       VALUES ($1, $2, $3, $4::integer[]) ON CONFLICT DO NOTHING`,
      [tenantId, d.timezone, d.locale, d.reminderOffsetsMinutes],
    );
  }

  async settings(manager: EntityManager, tenantId: string): Promise<TenantSettings> {
    const rows: TenantRow[] = await manager.query(`SELECT * FROM tenant_directory WHERE tenant_id = $1`, [
      tenantId,
    ]);
    return tenantSettingsOf(tenantId, rows[0] ?? null);
  }

  /** The tenant a public page's slug names, if this service has heard of it. */
  async idOfSlug(manager: EntityManager, slug: string): Promise<string | null> {
    const rows: { tenant_id: string }[] = await manager.query(
      `SELECT tenant_id FROM tenant_directory WHERE slug = $1`,
      [slug],
    );
    return rows[0]?.tenant_id ?? null;
  }

  /** How the CPTS is paid (absent from its settings: the default). Saved with the settings it came with. */
  async savePaymentInstructions(
    manager: EntityManager,
    tenantId: string,
    instructions: TenantSettings['paymentInstructions'] | undefined,
  ): Promise<void> {
    await manager.query(`UPDATE tenant_directory SET payment_instructions = $2::jsonb WHERE tenant_id = $1`, [
      tenantId,
      instructions ? JSON.stringify(instructions) : null,
    ]);
  }

  async allTenantIds(manager: EntityManager): Promise<string[]> {
    const rows: { tenant_id: string }[] = await manager.query(
      `SELECT tenant_id FROM tenant_directory ORDER BY tenant_id`,
    );
    return rows.map((row) => row.tenant_id);
  }
}

/** A tenant_directory row (or none: the defaults) as settings. */
export function tenantSettingsOf(tenantId: string, row: TenantRow | null): TenantSettings {
  if (!row) return defaultTenantSettings(tenantId);
  return {
    tenantId,
    slug: row.slug,
    name: row.name,
    timezone: row.timezone,
    locale: row.locale,
    senderEmail: row.sender_email,
    branding: row.branding ?? {},
    reminderOffsetsMinutes: row.reminder_offsets_minutes,
    // An empty list is a tenant's choice; only "never said" falls back to the national lines.
    listeningLines: row.listening_lines ?? DEFAULT_LISTENING_LINES,
    privacyContact: row.privacy_contact,
    paymentInstructions: row.payment_instructions ?? TENANT_DEFAULTS.paymentInstructions,
  };
}
