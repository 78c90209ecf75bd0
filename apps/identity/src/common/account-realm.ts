import { EntityManager } from 'typeorm';
import { SessionRepository } from '../auth-sessions/infrastructure/session.repository';
import { SignInLinkRepository } from '../sign-in/infrastructure/sign-in-link.repository';
import { AccountRows } from './account-rows';

/** Someone who can sign in, as the sign-in flow and the token need them. */
export interface SignInAccount {
  kind: 'staff' | 'funder';
  id: string;
  email: string;
  name: string;
  roles: string[];
  /** Staff: their CPTS. Funders: null. */
  tenantId: string | null;
  facilitatorId: string | null;
  /** Funders: the region they read. Staff: null. */
  region: string | null;
}

/** The space an account's back office opens: its CPTS, or its region. */
export interface AccountPlace {
  name: string | null;
  slug: string | null;
}

/**
 * One kind of account (staff of a CPTS, funders of a region): the same passwordless sign-in and
 * cookie sessions, each kind in its own tables and row-level-security scope — a tenant id or a
 * region code, the `scope` below.
 */
export interface AccountRealm {
  readonly links: SignInLinkRepository;
  readonly sessions: SessionRepository;
  inScope<T>(scope: string, work: (manager: EntityManager) => Promise<T>): Promise<T>;
  /** Owner function: the accounts of an address, before any scope is open. */
  accountsByEmail(manager: EntityManager, email: string): Promise<{ scope: string; accountId: string }[]>;
  find(manager: EntityManager, scope: string, accountId: string): Promise<SignInAccount | null>;
  markSignedIn(manager: EntityManager, scope: string, accountId: string, at: Date): Promise<void>;
  place(manager: EntityManager, scope: string): Promise<AccountPlace | null>;
}

/** Every realm, staff first. */
export const ACCOUNT_REALMS = Symbol('ACCOUNT_REALMS');

/**
 * A realm whose accounts are rows of `AccountRows`: found, marked signed in and looked up by
 * address there; each realm says how its account signs in, how its scope opens and what it is.
 */
export abstract class AccountRowsRealm<Account> implements AccountRealm {
  protected constructor(
    private readonly accounts: Pick<AccountRows<Account, never>, 'find' | 'markSignedIn' | 'accountsByEmail'>,
    readonly links: SignInLinkRepository,
    readonly sessions: SessionRepository,
  ) {}

  protected abstract signInAccount(account: Account): SignInAccount;
  abstract inScope<T>(scope: string, work: (manager: EntityManager) => Promise<T>): Promise<T>;
  abstract place(manager: EntityManager, scope: string): Promise<AccountPlace | null>;

  accountsByEmail(manager: EntityManager, email: string): Promise<{ scope: string; accountId: string }[]> {
    return this.accounts.accountsByEmail(manager, email);
  }

  async find(manager: EntityManager, scope: string, accountId: string): Promise<SignInAccount | null> {
    const account = await this.accounts.find(manager, scope, accountId);
    return account ? this.signInAccount(account) : null;
  }

  markSignedIn(manager: EntityManager, scope: string, accountId: string, at: Date): Promise<void> {
    return this.accounts.markSignedIn(manager, scope, accountId, at);
  }
}
