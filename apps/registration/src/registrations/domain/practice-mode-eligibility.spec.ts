import { assertPracticeModeEligible, PracticeModeNotEligibleError } from './practice-mode-eligibility';

describe('practice-mode eligibility', () => {
  it('lets every mode in when the session names none', () => {
    expect(() => assertPracticeModeEligible({ eligiblePracticeModes: [] }, 'etudiant')).not.toThrow();
  });

  it('refuses another mode with a French message naming the rule', () => {
    const refuse = () => assertPracticeModeEligible({ eligiblePracticeModes: ['liberal'] }, 'salarie');
    expect(refuse).toThrow(PracticeModeNotEligibleError);
    expect(refuse).toThrow(
      'Cette séance n’est pas ouverte à votre mode d’exercice (salarié) : libéraux uniquement.',
    );
    expect(() =>
      assertPracticeModeEligible({ eligiblePracticeModes: ['liberal', 'etudiant'] }, 'etudiant'),
    ).not.toThrow();
  });
});
