import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from '../../common/components/states';
import { Navigate } from 'react-router';
import { isCoordinator, isFunder, useAccountState } from '../hooks/account-context';
import { SignInPage } from './sign-in-page';

/** Pages behind sign-in: the sign-in form in their place when nobody is signed in. */
export function RequireAccount({ children }: { children: ReactNode }) {
  const { state, refresh } = useAccountState();
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorState error={new TypeError('token')} onRetry={refresh} />;
  if (state.status === 'signed-out') return <SignInPage />;
  return <>{children}</>;
}

/** Coordinators' pages: a facilitator who types their address is told, not shown; a funder goes to the regional view. */
export function RequireCoordinator({ children }: { children: ReactNode }) {
  const { state } = useAccountState();
  if (state.status === 'signed-in' && isFunder(state.account)) return <Navigate to="/region" replace />;
  if (state.status === 'signed-in' && !isCoordinator(state.account)) {
    return (
      <EmptyState title="Cette page est réservée à la coordination">
        Vos séances sont dans « Mes séances ». Si vous devez coordonner cette CPTS, demandez à la coordination
        de vous en donner le rôle.
      </EmptyState>
    );
  }
  return <>{children}</>;
}

/** The regional view: funders only. */
export function RequireFunder({ children }: { children: ReactNode }) {
  const { state } = useAccountState();
  if (state.status === 'signed-in' && !isFunder(state.account)) {
    return (
      <EmptyState title="Cette page est réservée aux financeurs">
        Elle montre les CPTS d’une région à son agence régionale de santé.
      </EmptyState>
    );
  }
  return <>{children}</>;
}
