import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { csrfHeader, SignedOutError, sessionToken, type Account } from '../../../api/session-token';

type AccountState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'error' }
  | { status: 'signed-in'; account: Account };

interface AccountContextValue {
  state: AccountState;
  signOut(): Promise<void>;
  refresh(): void;
}

const AccountContext = createContext<AccountContextValue | null>(null);

/** Who is signed in, learnt by asking identity for a token with the session cookie. */
export function AccountProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AccountState>({ status: 'loading' });
  const queryClient = useQueryClient();

  const refresh = useCallback(() => {
    sessionToken.reset();
    sessionToken.account().then(
      (account) => setState({ status: 'signed-in', account }),
      (error: unknown) => setState({ status: error instanceof SignedOutError ? 'signed-out' : 'error' }),
    );
  }, []);

  useEffect(() => {
    refresh();
    return sessionToken.onChange((account) =>
      setState(account ? { status: 'signed-in', account } : { status: 'signed-out' }),
    );
  }, [refresh]);

  const signOut = useCallback(async () => {
    await fetch('/v1/auth/sign-out', { method: 'POST', credentials: 'same-origin', headers: csrfHeader() });
    sessionToken.reset();
    queryClient.clear();
    setState({ status: 'signed-out' });
  }, [queryClient]);

  const value = useMemo(() => ({ state, signOut, refresh }), [state, signOut, refresh]);
  return <AccountContext.Provider value={value}>{children}</AccountContext.Provider>;
}

export function useAccountState(): AccountContextValue {
  const value = useContext(AccountContext);
  if (!value) throw new Error('useAccountState outside AccountProvider');
  return value;
}

/** The signed-in account (inside RequireAccount). */
export function useAccount(): Account {
  const { state } = useAccountState();
  if (state.status !== 'signed-in') throw new Error('useAccount outside a signed-in page');
  return state.account;
}

export function isCoordinator(account: Account): boolean {
  return account.roles.includes('coordinator');
}

/** A funder (an ARS) sees the regional view and nothing of any CPTS. */
export function isFunder(account: Account): boolean {
  return account.roles.includes('funder');
}

/** The CPTS of a staff member's page (a funder, who has none, never reaches one: RequireCoordinator). */
export function tenantOf(account: Account): string {
  if (!account.tenantId) throw new Error('a CPTS page opened without a CPTS');
  return account.tenantId;
}
