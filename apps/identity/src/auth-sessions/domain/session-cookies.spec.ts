import { clearedSessionCookies, cookiePolicyFor, readCookie, sessionCookies } from './session-cookies';

describe('session cookies', () => {
  it('are Secure except on plain-http localhost', () => {
    expect(cookiePolicyFor('https://respire.example.org').secure).toBe(true);
    expect(cookiePolicyFor('http://respire.example.org').secure).toBe(true);
    expect(cookiePolicyFor('http://127.0.0.1:3000').secure).toBe(false);
    expect(cookiePolicyFor('http://localhost:3000').secure).toBe(false);
    expect(cookiePolicyFor('https://localhost:3000').secure).toBe(true);
  });

  it('keep the session secret from scripts and other sites, the CSRF token readable', () => {
    const [session, csrf] = sessionCookies('s3cret', 'csrf', 3600, { secure: true });

    expect(session).toBe(
      'respire_session=s3cret; Path=/v1/auth; Max-Age=3600; HttpOnly; SameSite=Strict; Secure',
    );
    expect(csrf).toBe('respire_csrf=csrf; Path=/; Max-Age=3600; SameSite=Strict; Secure');
  });

  it('are cleared with the same attributes', () => {
    expect(clearedSessionCookies({ secure: false })[0]).toBe(
      'respire_session=; Path=/v1/auth; Max-Age=0; HttpOnly; SameSite=Strict',
    );
  });

  it('are read from a Cookie header', () => {
    const header = 'a=1; respire_session=abc_DEF-1; respire_csrf=xyz';
    expect(readCookie(header, 'respire_session')).toBe('abc_DEF-1');
    expect(readCookie(header, 'respire_csrf')).toBe('xyz');
    expect(readCookie(header, 'missing')).toBeNull();
    expect(readCookie(undefined, 'a')).toBeNull();
  });
});
