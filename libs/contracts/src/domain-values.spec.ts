import {
  departmentFromPostcode,
  departmentSchema,
  PRACTICE_MODES,
  practiceModeAudience,
  practiceModeEligible,
} from './domain-values';

describe('departmentFromPostcode', () => {
  it.each([
    ['25000', '25'],
    ['40100', '40'],
    ['01000', '01'],
    ['36 000', '36'],
    ['20000', '2A'],
    ['20167', '2A'],
    ['20200', '2B'],
    ['20600', '2B'],
    ['97100', '971'],
    ['97400', '974'],
    ['98800', '988'],
  ])('%s is in département %s', (postcode, department) => {
    expect(departmentFromPostcode(postcode)).toBe(department);
    expect(departmentSchema.safeParse(department).success).toBe(true);
  });

  it.each(['1000', 'B-1000', '00100', '20900', ''])('%j is not a French postcode', (postcode) => {
    expect(departmentFromPostcode(postcode)).toBeNull();
  });
});

describe('domain values', () => {
  it('refuses a full postcode where a département is expected', () => {
    expect(departmentSchema.safeParse('25000').success).toBe(false);
  });
});

describe('practice mode eligibility', () => {
  it('says who a session is for in French', () => {
    expect(practiceModeAudience([])).toBeNull();
    expect(practiceModeAudience(['liberal'])).toBe('libéraux uniquement');
    expect(practiceModeAudience(['etudiant', 'liberal'])).toBe('libéraux et étudiants uniquement');
    expect(practiceModeAudience(['salarie', 'mixte', 'etudiant'])).toBe(
      'salariés, exercice mixte et étudiants uniquement',
    );
    expect(practiceModeAudience([...PRACTICE_MODES])).toBe("tous modes d'exercice, étudiants bienvenus");
  });

  it('lets everyone in when no mode is named, only the named ones otherwise', () => {
    expect(practiceModeEligible([], 'etudiant')).toBe(true);
    expect(practiceModeEligible(['liberal'], 'liberal')).toBe(true);
    expect(practiceModeEligible(['liberal'], 'salarie')).toBe(false);
  });
});
