import { applySettingsPatch, DEFAULT_TENANT_SETTINGS, sameSettings, TenantSettings } from './tenant-settings';

const base: TenantSettings = { ...DEFAULT_TENANT_SETTINGS, name: 'CPTS de l’Adour' };

describe('tenant settings', () => {
  it('defaults to Paris, French, reminders 48 h and 3 h before, offers held 24 h, the national listening lines', () => {
    expect(base).toMatchObject({
      timezone: 'Europe/Paris',
      locale: 'fr',
      reminderOffsetsMinutes: [2880, 180],
      waitlist: { mode: 'offer', offerTtlMinutes: 1440 },
    });
    expect(base.listeningLines.map((l) => l.phone)).toEqual(['0805 23 23 36', '0608 282 589']);
  });

  it('merges a partial change field by field and orders reminders, largest first', () => {
    const after = applySettingsPatch(base, {
      waitlist: { mode: 'auto-confirm' },
      reminderOffsetsMinutes: [60, 2880, 60],
    });
    expect(after.waitlist).toEqual({ mode: 'auto-confirm', offerTtlMinutes: 1440, offerCutoffMinutes: 120 });
    expect(after.reminderOffsetsMinutes).toEqual([2880, 60]);
    expect(after.name).toBe(base.name);
  });

  it('tells a change that changes nothing', () => {
    expect(sameSettings(base, applySettingsPatch(base, { locale: 'fr', waitlist: {} }))).toBe(true);
    expect(sameSettings(base, applySettingsPatch(base, { privacyContact: 'dpo@example.org' }))).toBe(false);
  });
});
