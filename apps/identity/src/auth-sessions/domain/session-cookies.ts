/**
 * The two cookies of a staff session.
 *
 * - `respire_session`: the session secret. HttpOnly (no script reads it), SameSite=Strict, sent
 *   only to /v1/auth (the identity routes), Secure unless the back office is served over plain
 *   http on localhost (development).
 * - `respire_csrf`: a second secret the SPA reads and echoes in the `X-CSRF-Token` header. A
 *   forged cross-site request carries the cookies but cannot read this one, so it cannot send
 *   the header (double submit, bound to the session by its stored hash).
 */
export const SESSION_COOKIE = 'respire_session';
export const CSRF_COOKIE = 'respire_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface CookiePolicy {
  secure: boolean;
}

/** Secure everywhere except plain-http localhost, where browsers would drop a Secure cookie. */
export function cookiePolicyFor(publicBaseUrl: string): CookiePolicy {
  const url = new URL(publicBaseUrl);
  const localhost = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return { secure: url.protocol === 'https:' || !localhost };
}

function cookie(name: string, value: string, attributes: string[], policy: CookiePolicy): string {
  return [`${name}=${value}`, ...attributes, 'SameSite=Strict', ...(policy.secure ? ['Secure'] : [])].join(
    '; ',
  );
}

export function sessionCookies(
  sessionToken: string,
  csrfToken: string,
  maxAgeSeconds: number,
  policy: CookiePolicy,
): string[] {
  return [
    cookie(SESSION_COOKIE, sessionToken, ['Path=/v1/auth', `Max-Age=${maxAgeSeconds}`, 'HttpOnly'], policy),
    cookie(CSRF_COOKIE, csrfToken, ['Path=/', `Max-Age=${maxAgeSeconds}`], policy),
  ];
}

export function clearedSessionCookies(policy: CookiePolicy): string[] {
  return [
    cookie(SESSION_COOKIE, '', ['Path=/v1/auth', 'Max-Age=0', 'HttpOnly'], policy),
    cookie(CSRF_COOKIE, '', ['Path=/', 'Max-Age=0'], policy),
  ];
}

/** One cookie's value from a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim() || null;
  }
  return null;
}
