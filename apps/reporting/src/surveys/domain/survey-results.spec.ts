import { profileDimensions } from './profile-dimensions';
import { SurveyAnswers } from './survey-response';
import { surveyResults } from './survey-results';
import { surveyTemplate } from './survey-templates';
import { compareWaves } from './wave-comparison';

const barometer = surveyTemplate('barometre-bien-etre')!.content;

/** n answers of one profile, all giving `point` to the three headline statements. */
function answers(
  n: number,
  profession: string,
  point: number,
  extra: Partial<SurveyAnswers> = {},
): SurveyAnswers[] {
  return Array.from({ length: n }, (_, i) => ({
    answers: { epuisement: point, isolement: point, detente: i % 2 === 0 ? 5 : 2 },
    profile: { profession, practiceMode: 'liberal' },
    quoteConsent: false,
    ...extra,
  }));
}

const isHidden = (shown: unknown) => typeof shown === 'string';

describe('survey results', () => {
  const responses = [
    ...answers(15, 'infirmier', 4),
    ...answers(12, 'medecin', 5),
    ...answers(3, 'sage-femme', 2),
  ];
  const results = surveyResults(barometer, responses, profileDimensions(barometer.profile, responses));
  const epuisement = results.questions.find((q) => q.id === 'epuisement')!;

  it('gives the overall distribution, mean and share agreeing', () => {
    expect(results.respondents).toBe(30);
    expect(epuisement.overall.answered).toBe(30);
    expect(epuisement.overall.agreeing).toEqual({ count: 27, share: 90 });
  });

  it('hides a profession of three, and another group with it, so that no line gives it away', () => {
    const byProfession = epuisement.breakdowns.find((b) => b.dimension === 'profession')!.groups;
    const sageFemme = byProfession.find((g) => g.value === 'sage-femme')!;
    expect(sageFemme.answered).toBe('<5');
    const respondents = results.dimensions.find((d) => d.key === 'profession')!.groups;
    // respondents = Σ professions: with one group hidden, another must be too.
    expect(respondents.filter((g) => isHidden(g.respondents)).length).not.toBe(1);
    // For each point of the scale, the overall count and the professions' counts never leave one hidden cell alone.
    epuisement.overall.options.forEach((option, k) => {
      const members = [option.count, ...byProfession.map((g) => g.options[k].count)];
      expect(members.filter(isHidden).length).not.toBe(1);
    });
    expect(sageFemme.mean).toBeNull();
  });

  it('shows free text only from those who agreed to be quoted', () => {
    const withText = [
      ...answers(5, 'infirmier', 4),
      {
        answers: { epuisement: 3, isolement: 3, detente: 3, besoins: 'Du temps entre pairs' },
        profile: {},
        quoteConsent: true,
      },
      {
        answers: { epuisement: 3, isolement: 3, detente: 3, besoins: 'Un secret' },
        profile: {},
        quoteConsent: false,
      },
    ];
    const text = surveyResults(barometer, withText, []).questions.find((q) => q.id === 'besoins')!;
    expect(text.quotes).toEqual(['Du temps entre pairs']);
  });

  it('compares a before and an after wave on the questions both ask', () => {
    const before = surveyResults(barometer, answers(10, 'infirmier', 5), []);
    const after = surveyResults(barometer, answers(10, 'infirmier', 3), []);
    const epuisementChange = compareWaves(before, after).find((c) => c.id === 'epuisement')!;
    expect(epuisementChange).toMatchObject({ meanChange: -2, agreeingChange: -100 });
  });
});
