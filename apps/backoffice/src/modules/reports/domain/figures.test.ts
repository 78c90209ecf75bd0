import { chartable, showCount, showRate } from './figures';

describe('report figures', () => {
  it('keeps small-count protection visible as written', () => {
    expect(showCount('<5')).toBe('<5');
    expect(showCount(1234)).toBe('1\u202f234');
    expect(chartable('<5')).toBeNull();
    expect(chartable(12)).toBe(12);
  });

  it('writes rates as French percentages, a dash when hidden', () => {
    expect(showRate(0.756)).toMatch(/^76\s?%$/);
    expect(showRate(null)).toBe('—');
  });
});
