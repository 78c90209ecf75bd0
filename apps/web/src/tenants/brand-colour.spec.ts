import { accessibleBrandColour, contrastWithWhite } from './brand-colour';

describe('a brand colour white text can sit on', () => {
  it('keeps a dark enough colour as it is', () => {
    expect(accessibleBrandColour('#1d4e89')).toBe('#1d4e89');
  });

  it('darkens a light colour until white text on it reaches 4.5:1', () => {
    const yellow = accessibleBrandColour('#f5c518');
    expect(yellow).not.toBe('#f5c518');
    const rgb = [1, 3, 5].map((i) => parseInt(yellow.slice(i, i + 2), 16)) as [number, number, number];
    expect(contrastWithWhite(rgb)).toBeGreaterThanOrEqual(4.5);
  });
});
