import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PaymentInstructions, TENANT_DEFAULTS } from '@respire/contracts';
import { DEFAULT_TENANT_POLICY, TenantPolicy } from '../domain/tenant-policy';

export interface TenantSettingsInput {
  name: string;
  timezone: string;
  waitlist: { mode: 'offer' | 'auto-confirm'; offerTtlMinutes: number; offerCutoffMinutes: number };
  lateCancellationMinutes: number;
}

interface TenantRow {
  tenant_id: string;
  slug: string | null;
  name: string | null;
  timezone: string;
  waitlist_mode: 'offer' | 'auto-confirm';
  offer_ttl_minutes: number;
  offer_cutoff_minutes: number;
  late_cancellation_minutes: number;
}

function toPolicy(row: TenantRow): TenantPolicy {
  return {
    tenantId: row.tenant_id,
    slug: row.slug,
    name: row.name,
    timezone: row.timezone,
    waitlistMode: row.waitlist_mode,
    offerTtlMinutes: row.offer_ttl_minutes,
    offerCutoffMinutes: row.offer_cutoff_minutes,
    lateCancellationMinutes: row.late_cancellation_minutes,
  };
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
    await manager.query(
      `INSERT INTO tenant_directory
         (tenant_id, slug, name, timezone, waitlist_mode, offer_ttl_minutes, offer_cutoff_minutes, late_cancellation_minutes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id) DO UPDATE SET slug = EXCLUDED.slug, name = EXCLUDED.name, timezone = EXCLUDED.timezone,
         waitlist_mode = EXCLUDED.waitlist_mode, offer_ttl_minutes = EXCLUDED.offer_ttl_minutes,
         offer_cutoff_minutes = EXCLUDED.offer_cutoff_minutes,
         late_cancellation_minutes = EXCLUDED.late_cancellation_minutes, updated_at = now()`,
      [tenantId, slug, ...settingsValues(settings)],
    );
  }

  async saveSettings(manager: EntityManager, tenantId: string, settings: TenantSettingsInput): Promise<void> {
    await manager.query(
      `INSERT INTO tenant_directory
         (tenant_id, name, timezone, waitlist_mode, offer_ttl_minutes, offer_cutoff_minutes, late_cancellation_minutes)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name, timezone = EXCLUDED.timezone,
         waitlist_mode = EXCLUDED.waitlist_mode, offer_ttl_minutes = EXCLUDED.offer_ttl_minutes,
         offer_cutoff_minutes = EXCLUDED.offer_cutoff_minutes,
         late_cancellation_minutes = EXCLUDED.late_cancellation_minutes, updated_at = now()`,
      [tenantId, ...settingsValues(settings)],
    );
  }

  /** A session can arrive before its tenant (different Kafka keys): note the tenant with defaults. */
  async ensure(manager: EntityManager, tenantId: string): Promise<void> {
    const d = DEFAULT_TENANT_POLICY;
    await manager.query(
      `INSERT INTO tenant_directory
         (tenant_id, timezone, waitlist_mode, offer_ttl_minutes, offer_cutoff_minutes, late_cancellation_minutes)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [
        tenantId,
        d.timezone,
        d.waitlistMode,
        d.offerTtlMinutes,
        d.offerCutoffMinutes,
        d.lateCancellationMinutes,
      ],
    );
  }

  /** How the CPTS is paid (absent from its settings: TENANT_DEFAULTS). */
  async savePaymentInstructions(
    manager: EntityManager,
    tenantId: string,
    instructions: PaymentInstructions | undefined,
  ): Promise<void> {
    await manager.query(`UPDATE tenant_directory SET payment_instructions = $2::jsonb WHERE tenant_id = $1`, [
      tenantId,
      instructions ? JSON.stringify(instructions) : null,
    ]);
  }

  async paymentInstructions(manager: EntityManager, tenantId: string): Promise<PaymentInstructions> {
    const rows: { payment_instructions: PaymentInstructions | null }[] = await manager.query(
      `SELECT payment_instructions FROM tenant_directory WHERE tenant_id = $1`,
      [tenantId],
    );
    return rows[0]?.payment_instructions ?? TENANT_DEFAULTS.paymentInstructions;
  }

  /** Locks the tenant's row: payments of one CPTS take their receipt numbers one after the other. */
  async lockForReceipts(manager: EntityManager, tenantId: string): Promise<void> {
    await manager.query(`SELECT 1 FROM tenant_directory WHERE tenant_id = $1 FOR UPDATE`, [tenantId]);
  }

  async findBySlug(manager: EntityManager, slug: string): Promise<TenantPolicy | null> {
    const rows: TenantRow[] = await manager.query(`SELECT * FROM tenant_directory WHERE slug = $1`, [slug]);
    return rows[0] ? toPolicy(rows[0]) : null;
  }

  async policy(manager: EntityManager, tenantId: string): Promise<TenantPolicy> {
    const rows: TenantRow[] = await manager.query(`SELECT * FROM tenant_directory WHERE tenant_id = $1`, [
      tenantId,
    ]);
    return rows[0] ? toPolicy(rows[0]) : { tenantId, ...DEFAULT_TENANT_POLICY };
  }

  async allTenantIds(manager: EntityManager): Promise<string[]> {
    const rows: { tenant_id: string }[] = await manager.query(
      `SELECT tenant_id FROM tenant_directory ORDER BY tenant_id`,
    );
    return rows.map((row) => row.tenant_id);
  }
}

function settingsValues(settings: TenantSettingsInput): unknown[] {
  return [
    settings.name,
    settings.timezone,
    settings.waitlist.mode,
    settings.waitlist.offerTtlMinutes,
    settings.waitlist.offerCutoffMinutes,
    settings.lateCancellationMinutes,
  ];
}
