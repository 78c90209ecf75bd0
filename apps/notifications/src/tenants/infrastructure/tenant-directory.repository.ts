import { Injectable } from '@nestjs/common';
import { Selectable, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { TENANT_DEFAULTS } from '@respire/contracts';
import { directoryTenantIds, excludedValues, jsonb } from '@respire/tenancy';
import { TenantDirectory } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
import { DEFAULT_LISTENING_LINES, defaultTenantSettings, TenantSettings } from '../domain/tenant-settings';

/** The columns settings are read from (a selected row, or the one delivery_claim answers as JSON). */
export type TenantRow = Pick<
  Selectable<TenantDirectory>,
  | 'tenant_id'
  | 'slug'
  | 'name'
  | 'timezone'
  | 'locale'
  | 'sender_email'
  | 'branding'
  | 'reminder_offsets_minutes'
  | 'listening_lines'
  | 'privacy_contact'
  | 'payment_instructions'
>;

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
    const rows = await db(manager)
      .insertInto('tenant_directory')
      .values({
        tenant_id: tenantId,
        slug,
        name: settings.name,
        timezone: settings.timezone,
        locale: settings.locale,
        sender_email: settings.senderEmail,
        branding: jsonb(settings.branding),
        reminder_offsets_minutes: integers(settings.reminderOffsetsMinutes),
        listening_lines: jsonb(settings.listeningLines),
        privacy_contact: settings.privacyContact,
        settings_from: occurredAt,
      })
      .onConflict((conflict) =>
        conflict
          .column('tenant_id')
          .doUpdateSet((eb) => ({
            slug: eb.fn.coalesce('excluded.slug', 'tenant_directory.slug'),
            ...excludedValues(eb, [
              'name',
              'timezone',
              'locale',
              'sender_email',
              'branding',
              'reminder_offsets_minutes',
              'listening_lines',
              'privacy_contact',
              'settings_from',
            ]),
            updated_at: sql<Date>`now()`,
          }))
          .where((eb) =>
            eb.or([
              eb('tenant_directory.settings_from', 'is', null),
              eb('tenant_directory.settings_from', '<=', eb.ref('excluded.settings_from')),
            ]),
          ),
      )
      .returning('tenant_id')
      .execute();
    return rows.length > 0;
  }

  /** A tenant's events can arrive before its settings (other topic): note the tenant, with defaults. */
  async ensure(manager: EntityManager, tenantId: string): Promise<void> {
    const d = defaultTenantSettings(tenantId);
    await db(manager)
      .insertInto('tenant_directory')
      .values({
        tenant_id: tenantId,
        timezone: d.timezone,
        locale: d.locale,
        reminder_offsets_minutes: integers(d.reminderOffsetsMinutes),
      })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }

  async settings(manager: EntityManager, tenantId: string): Promise<TenantSettings> {
    const row = await db(manager)
      .selectFrom('tenant_directory')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return tenantSettingsOf(tenantId, row ?? null);
  }

  /** The tenant a public page's slug names, if this service has heard of it. */
  async idOfSlug(manager: EntityManager, slug: string): Promise<string | null> {
    const row = await db(manager)
      .selectFrom('tenant_directory')
      .select('tenant_id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row?.tenant_id ?? null;
  }

  /** How the CPTS is paid (absent from its settings: the default). Saved with the settings it came with. */
  async savePaymentInstructions(
    manager: EntityManager,
    tenantId: string,
    instructions: TenantSettings['paymentInstructions'] | undefined,
  ): Promise<void> {
    await db(manager)
      .updateTable('tenant_directory')
      .set({ payment_instructions: instructions ? jsonb(instructions) : null })
      .where('tenant_id', '=', tenantId)
      .execute();
  }

  allTenantIds(manager: EntityManager): Promise<string[]> {
    return directoryTenantIds(manager);
  }
}

/** An integer[] value (typed for PostgreSQL, as the column is). */
function integers(values: number[]) {
  return sql<number[]>`${values}::integer[]`;
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
