import { TenantSettingsPatch } from '../../domain/tenant-settings';

export interface UpdateTenantSettingsCommand {
  tenantId: string;
  changes: TenantSettingsPatch;
}
