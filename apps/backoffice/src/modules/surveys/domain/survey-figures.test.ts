import { optionBars, showChange, showMean, showShare } from './survey-figures';

describe('survey figures', () => {
  it('draws no bar for a hidden count', () => {
    expect(
      optionBars([
        { label: 'D’accord', count: 12, share: 40 },
        { label: 'Pas d’accord', count: '<5', share: null },
      ]),
    ).toEqual([
      { réponse: 'D’accord', réponses: 12 },
      { réponse: 'Pas d’accord', réponses: null },
    ]);
  });

  it('writes shares, means and changes the French way', () => {
    expect(showShare(90)).toBe('90 %');
    expect(showShare(null)).toBe('—');
    expect(showMean(3.456)).toBe('3,46');
    expect(showChange(-2)).toBe('-2');
    expect(showChange(12.5, 'points')).toBe('+12,5 points');
  });
});
