import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from '../../common/components/states';
import { isCoordinator, useAccountState } from '../hooks/account-context';
import { SignInPage } from './sign-in-page';

/** Pages behind sign-in: the sign-in form in their place when nobody is signed in. */
export function RequireAccount({ children }: { children: ReactNode }) {
  const { state, refresh } = useAccountState();
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorState error={new TypeError('token')} onRetry={refresh} />;
  if (state.status === 'signed-out') return <SignInPage />;
  return <>{children}</>;
}

/** Coordinators' pages: a facilitator who types their address is told, not shown. */
export function RequireCoordinator({ children }: { children: ReactNode }) {
  const { state } = useAccountState();
  if (state.status === 'signed-in' && !isCoordinator(state.account)) {
    return (
      <EmptyState title="Cette page est réservée à la coordination">
        Vos séances sont dans « Mes séances ». Si vous devez coordonner cette CPTS, demandez à la coordination de vous en donner le rôle.
      </EmptyState>
    );
  }
  return <>{children}</>;
}
