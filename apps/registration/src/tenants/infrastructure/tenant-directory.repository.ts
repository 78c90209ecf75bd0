import { Injectable } from '@nestjs/common';
import { ExpressionBuilder, OnConflictDatabase, OnConflictTables, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { PaymentInstructions, TENANT_DEFAULTS } from '@respire/contracts';
import { camelRow, directoryTenantIds, excludedValues, jsonb } from '@respire/tenancy';
import { DB } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
import { DEFAULT_TENANT_POLICY, TenantPolicy } from '../domain/tenant-policy';

export interface TenantSettingsInput {
  name: string;
  timezone: string;
  waitlist: { mode: 'offer' | 'auto-confirm'; offerTtlMinutes: number; offerCutoffMinutes: number };
  lateCancellationMinutes: number;
}

/** The settings a CPTS gives this service (TenantSettingsInput's columns). */
const SETTINGS = [
  'name',
  'timezone',
  'waitlist_mode',
  'offer_ttl_minutes',
  'offer_cutoff_minutes',
  'late_cancellation_minutes',
] as const;

/** The columns the seat rules follow, as a TenantPolicy. */
function selectPolicies(manager: EntityManager) {
  return db(manager)
    .selectFrom('tenant_directory')
    .select(['tenant_id', 'slug', ...SETTINGS]);
}

function toPolicy(
  row: Awaited<ReturnType<ReturnType<typeof selectPolicies>['executeTakeFirstOrThrow']>>,
): TenantPolicy {
  return camelRow(row);
}

/** The CPTS this service knows (slug → id) and the settings its seat rules follow. */
@Injectable()
export class TenantDirectoryRepository {
  async saveCreated(
    manager: EntityManager,
    tenantId: string,
    slug: string,
    settings: TenantSettingsInput,
  ): Promise<void> {
    await db(manager)
      .insertInto('tenant_directory')
      .values({ tenant_id: tenantId, slug, ...settingsColumns(settings) })
      .onConflict((conflict) =>
        conflict
          .column('tenant_id')
          .doUpdateSet((eb) => ({ slug: eb.ref('excluded.slug'), ...settingsFromExcluded(eb) })),
      )
      .execute();
  }

  async saveSettings(manager: EntityManager, tenantId: string, settings: TenantSettingsInput): Promise<void> {
    await db(manager)
      .insertInto('tenant_directory')
      .values({ tenant_id: tenantId, ...settingsColumns(settings) })
      .onConflict((conflict) => conflict.column('tenant_id').doUpdateSet(settingsFromExcluded))
      .execute();
  }

  /** A session can arrive before its tenant (different Kafka keys): note the tenant with defaults. */
  async ensure(manager: EntityManager, tenantId: string): Promise<void> {
    const d = DEFAULT_TENANT_POLICY;
    await db(manager)
      .insertInto('tenant_directory')
      .values({
        tenant_id: tenantId,
        timezone: d.timezone,
        waitlist_mode: d.waitlistMode,
        offer_ttl_minutes: d.offerTtlMinutes,
        offer_cutoff_minutes: d.offerCutoffMinutes,
        late_cancellation_minutes: d.lateCancellationMinutes,
      })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }

  /** How the CPTS is paid (absent from its settings: TENANT_DEFAULTS). */
  async savePaymentInstructions(
    manager: EntityManager,
    tenantId: string,
    instructions: PaymentInstructions | undefined,
  ): Promise<void> {
    await db(manager)
      .updateTable('tenant_directory')
      .set({ payment_instructions: instructions ? jsonb(instructions) : null })
      .where('tenant_id', '=', tenantId)
      .execute();
  }

  async paymentInstructions(manager: EntityManager, tenantId: string): Promise<PaymentInstructions> {
    const row = await db(manager)
      .selectFrom('tenant_directory')
      .select('payment_instructions')
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return row?.payment_instructions ?? TENANT_DEFAULTS.paymentInstructions;
  }

  /** Locks the tenant's row: payments of one CPTS take their receipt numbers one after the other. */
  async lockForReceipts(manager: EntityManager, tenantId: string): Promise<void> {
    await db(manager)
      .selectFrom('tenant_directory')
      .select(sql<number>`1`.as('locked'))
      .where('tenant_id', '=', tenantId)
      .forUpdate()
      .execute();
  }

  async findBySlug(manager: EntityManager, slug: string): Promise<TenantPolicy | null> {
    const row = await selectPolicies(manager).where('slug', '=', slug).executeTakeFirst();
    return row ? toPolicy(row) : null;
  }

  async policy(manager: EntityManager, tenantId: string): Promise<TenantPolicy> {
    const row = await selectPolicies(manager).where('tenant_id', '=', tenantId).executeTakeFirst();
    return row ? toPolicy(row) : { tenantId, ...DEFAULT_TENANT_POLICY };
  }

  allTenantIds(manager: EntityManager): Promise<string[]> {
    return directoryTenantIds(manager);
  }
}

function settingsColumns(settings: TenantSettingsInput) {
  return {
    name: settings.name,
    timezone: settings.timezone,
    waitlist_mode: settings.waitlist.mode,
    offer_ttl_minutes: settings.waitlist.offerTtlMinutes,
    offer_cutoff_minutes: settings.waitlist.offerCutoffMinutes,
    late_cancellation_minutes: settings.lateCancellationMinutes,
  };
}

/** An upsert's settings: the ones just sent (EXCLUDED), and the row's change time. */
function settingsFromExcluded(
  eb: ExpressionBuilder<OnConflictDatabase<DB, 'tenant_directory'>, OnConflictTables<'tenant_directory'>>,
) {
  return {
    ...excludedValues(eb, SETTINGS),
    updated_at: sql<Date>`now()`,
  };
}
