import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantSettingsEvent } from '@respire/contracts';
import { afterCommit } from '@respire/tenancy';
import { ReminderScheduler } from '../../../reminders/reminder-scheduler';
import { PrivacyRepository } from '../../../privacy/infrastructure/privacy.repository';
import { TenantDirectoryRepository } from '../../infrastructure/tenant-directory.repository';

/**
 * catalog.tenant.created / .settings-changed carry the whole settings: they replace what is
 * held. New reminder offsets apply to every planned reminder: the tenant is reconciled.
 */
@Injectable()
export class RecordTenantSettingsUseCase {
  constructor(
    private readonly tenants: TenantDirectoryRepository,
    private readonly scheduler: ReminderScheduler,
    private readonly privacy: PrivacyRepository,
  ) {}

  async execute(manager: EntityManager, event: TenantSettingsEvent): Promise<void> {
    const { data } = event;
    const tenantId = event.tenantId;
    const applied = await this.tenants.saveSettings(
      manager,
      tenantId,
      'slug' in data ? data.slug : null,
      {
        name: data.name,
        timezone: data.timezone,
        locale: data.locale,
        senderEmail: data.senderEmail,
        branding: data.branding,
        reminderOffsetsMinutes: data.reminderOffsetsMinutes,
        listeningLines: data.listeningLines,
        privacyContact: data.privacyContact,
      },
      new Date(event.occurredAt),
    );
    if (applied)
      await this.privacy.saveRetention(manager, tenantId, data.retention?.deliveryLogMonths ?? null);
    if (applied) await this.tenants.savePaymentInstructions(manager, tenantId, data.paymentInstructions);
    if (applied) afterCommit(manager, () => this.scheduler.reconcileTenant(tenantId));
  }
}
