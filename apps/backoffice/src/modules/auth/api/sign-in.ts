import { unwrap } from '../../../api/api-error';
import { publicIdentityApi } from '../../../api/client';

export function requestSignInLink(email: string) {
  return unwrap(publicIdentityApi.POST('/v1/auth/sign-in/request', { body: { email } }));
}

/** Uses the link's secret (once); the answer sets the session cookies. */
export function completeSignIn(token: string) {
  return unwrap(
    publicIdentityApi.POST('/v1/auth/sign-in/complete', { body: { token }, credentials: 'same-origin' }),
  );
}

/** The secret travels in the fragment (`#jeton=…`): never sent to a server, never in a log. */
export function tokenFromFragment(hash: string): string | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('jeton');
  return value && /^[A-Za-z0-9_-]{20,200}$/.test(value) ? value : null;
}
