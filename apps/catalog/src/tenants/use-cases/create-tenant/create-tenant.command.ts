import { TenantSettingsPatch } from '../../domain/tenant-settings';

export interface CreateTenantCommand extends TenantSettingsPatch {
  slug: string;
  name: string;
}
