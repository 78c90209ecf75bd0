import type { components } from './generated/identity';

export type Account = components['schemas']['AccessTokenDto']['account'];

/** Thrown when the session cookie gives no token: the person must sign in (again). */
export class SignedOutError extends Error {
  constructor() {
    super('signed out');
  }
}

const CSRF_COOKIE = 'respire_csrf';
/** Ask for a new token this long before the current one expires. */
const MARGIN_MS = 30_000;

function csrfToken(): string {
  const match = document.cookie.split('; ').find((part) => part.startsWith(`${CSRF_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(CSRF_COOKIE.length + 1)) : '';
}

interface Grant {
  accessToken: string;
  expiresAt: number;
  account: Account;
}

/**
 * The short-lived access token the services want, obtained from identity with the session cookie
 * (httpOnly, unreadable here) and the CSRF token (readable cookie, echoed in a header). One request
 * at a time; reused until shortly before it expires.
 */
export class SessionToken {
  private grant: Grant | null = null;
  private pending: Promise<Grant> | null = null;
  /** Grows at each reset: an answer to a request sent before it is stale (e.g. sent before sign-in). */
  private generation = 0;
  private readonly listeners = new Set<(account: Account | null) => void>();

  constructor(private readonly fetchImpl: typeof fetch = (...args) => fetch(...args)) {}

  async accessToken(): Promise<string> {
    return (await this.current()).accessToken;
  }

  async account(): Promise<Account> {
    return (await this.current()).account;
  }

  /** Forget the token (after sign-in or sign-out, or when a service refused it). */
  reset(): void {
    this.generation += 1;
    this.grant = null;
    this.pending = null;
  }

  onChange(listener: (account: Account | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private current(): Promise<Grant> {
    if (this.grant && this.grant.expiresAt - MARGIN_MS > Date.now()) return Promise.resolve(this.grant);
    if (!this.pending) {
      const pending = this.fetchGrant(this.generation).finally(() => {
        if (this.pending === pending) this.pending = null;
      });
      this.pending = pending;
    }
    return this.pending;
  }

  private async fetchGrant(generation: number): Promise<Grant> {
    const response = await this.fetchImpl('/v1/auth/token', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': csrfToken() },
    });
    const current = generation === this.generation;
    if (response.status === 403 || response.status === 401) {
      if (current) {
        this.grant = null;
        for (const listener of this.listeners) listener(null);
      }
      throw new SignedOutError();
    }
    if (!response.ok) throw new Error(`token: HTTP ${response.status}`);
    const body = (await response.json()) as components['schemas']['AccessTokenDto'];
    const grant = {
      accessToken: body.accessToken,
      expiresAt: Date.parse(body.expiresAt),
      account: body.account,
    };
    if (!current) return grant;
    const changed = this.grant?.account.staffId !== body.account.staffId;
    this.grant = grant;
    if (changed) for (const listener of this.listeners) listener(body.account);
    return grant;
  }
}

export const sessionToken = new SessionToken();

export function csrfHeader(): Record<string, string> {
  return { 'x-csrf-token': csrfToken() };
}
