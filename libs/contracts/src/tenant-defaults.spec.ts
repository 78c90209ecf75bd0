import { DEFAULT_TENANT_SETTINGS } from '../../../apps/catalog/src/tenants/domain/tenant-settings';
import { defaultTenantSettings } from '../../../apps/notifications/src/tenants/domain/tenant-settings';
import { DEFAULT_TENANT_POLICY } from '../../../apps/registration/src/tenants/domain/tenant-policy';
import { TENANT_DEFAULTS } from './events/catalog/tenant-settings';

describe('tenant defaults', () => {
  it('are the same in catalog, registration and notifications: the ones libs/contracts defines', () => {
    const notifications = defaultTenantSettings('00000000-0000-7000-8000-000000000000');
    expect({
      catalog: {
        timezone: DEFAULT_TENANT_SETTINGS.timezone,
        reminders: DEFAULT_TENANT_SETTINGS.reminderOffsetsMinutes,
        waitlist: DEFAULT_TENANT_SETTINGS.waitlist,
        lateCancellation: DEFAULT_TENANT_SETTINGS.lateCancellationMinutes,
        listeningLines: DEFAULT_TENANT_SETTINGS.listeningLines,
      },
      registration: {
        timezone: DEFAULT_TENANT_POLICY.timezone,
        waitlist: {
          mode: DEFAULT_TENANT_POLICY.waitlistMode,
          offerTtlMinutes: DEFAULT_TENANT_POLICY.offerTtlMinutes,
          offerCutoffMinutes: DEFAULT_TENANT_POLICY.offerCutoffMinutes,
        },
        lateCancellation: DEFAULT_TENANT_POLICY.lateCancellationMinutes,
      },
      notifications: {
        timezone: notifications.timezone,
        locale: notifications.locale,
        reminders: notifications.reminderOffsetsMinutes,
        listeningLines: notifications.listeningLines,
      },
    }).toEqual({
      catalog: {
        timezone: TENANT_DEFAULTS.timezone,
        reminders: TENANT_DEFAULTS.reminderOffsetsMinutes,
        waitlist: TENANT_DEFAULTS.waitlist,
        lateCancellation: TENANT_DEFAULTS.lateCancellationMinutes,
        listeningLines: TENANT_DEFAULTS.listeningLines,
      },
      registration: {
        timezone: TENANT_DEFAULTS.timezone,
        waitlist: TENANT_DEFAULTS.waitlist,
        lateCancellation: TENANT_DEFAULTS.lateCancellationMinutes,
      },
      notifications: {
        timezone: TENANT_DEFAULTS.timezone,
        locale: TENANT_DEFAULTS.locale,
        reminders: TENANT_DEFAULTS.reminderOffsetsMinutes,
        listeningLines: TENANT_DEFAULTS.listeningLines,
      },
    });
  });

  it('are the documented ones: Paris, French, reminders 48 h and 3 h before, offers held 24 h and ending 2 h before', () => {
    expect(TENANT_DEFAULTS).toMatchObject({
      timezone: 'Europe/Paris',
      locale: 'fr',
      reminderOffsetsMinutes: [2880, 180],
      waitlist: { mode: 'offer', offerTtlMinutes: 1440, offerCutoffMinutes: 120 },
      lateCancellationMinutes: 1440,
    });
  });
});
