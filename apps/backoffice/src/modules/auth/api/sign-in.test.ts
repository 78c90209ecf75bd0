import { tokenFromFragment } from './sign-in';

describe('tokenFromFragment', () => {
  it('reads the secret from #jeton=…', () => {
    expect(tokenFromFragment('#jeton=abcDEF_-0123456789abcdefghij')).toBe('abcDEF_-0123456789abcdefghij');
  });

  it('ignores anything else', () => {
    expect(tokenFromFragment('')).toBeNull();
    expect(tokenFromFragment('#jeton=<script>')).toBeNull();
    expect(tokenFromFragment('#autre=abc')).toBeNull();
  });
});
