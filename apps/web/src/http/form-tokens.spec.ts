import { FormTokens, postedFromOurPages } from './form-tokens';

describe('form tokens', () => {
  const secret = 'a-form-secret-that-is-at-least-32-characters';

  it('verifies a token for the form that issued it, for four hours', () => {
    let now = Date.UTC(2027, 0, 10, 9, 0, 0);
    const tokens = new FormTokens(secret, () => now);
    const token = tokens.issue('/capacites-besancon/activites/a1/inscription');

    expect(tokens.verify(token, '/capacites-besancon/activites/a1/inscription')).toBe(true);
    expect(tokens.verify(token, '/capacites-besancon/activites/a2/inscription')).toBe(false);
    now += 4 * 3600 * 1000;
    expect(tokens.verify(token, '/capacites-besancon/activites/a1/inscription')).toBe(true);
    now += 1000;
    expect(tokens.verify(token, '/capacites-besancon/activites/a1/inscription')).toBe(false);
  });

  it('refuses a token of another secret, a tampered one and anything that is not a token', () => {
    const tokens = new FormTokens(secret);
    const other = new FormTokens('another-form-secret-at-least-32-characters');
    const token = tokens.issue('/preferences');
    const [payload, signature] = token.split('.');
    const tampered = Buffer.from(payload, 'base64url');
    tampered[5] ^= 1;

    for (const bad of [
      other.issue('/preferences'),
      `${tampered.toString('base64url')}.${signature}`,
      payload,
      '',
      undefined,
      42,
      ['x'],
    ]) {
      expect(tokens.verify(bad, '/preferences')).toBe(false);
    }
  });
});

describe('a POST from our pages', () => {
  const ours = { host: 'respire.example.org', protocol: 'https' };

  it('is same-origin, or from an old browser that sends neither header', () => {
    expect(
      postedFromOurPages({ ...ours, origin: 'https://respire.example.org', fetchSite: 'same-origin' }),
    ).toBe(true);
    expect(postedFromOurPages({ ...ours, origin: undefined, fetchSite: undefined })).toBe(true);
  });

  it('is not a form posted from another site, even one that hides its Origin', () => {
    expect(postedFromOurPages({ ...ours, origin: 'https://evil.example', fetchSite: 'cross-site' })).toBe(
      false,
    );
    expect(postedFromOurPages({ ...ours, origin: undefined, fetchSite: 'cross-site' })).toBe(false);
    expect(postedFromOurPages({ ...ours, origin: 'null', fetchSite: undefined })).toBe(false);
    expect(postedFromOurPages({ ...ours, origin: 'http://respire.example.org', fetchSite: undefined })).toBe(
      false,
    );
  });
});
