import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

/** Why some counts read "<5": shown above every table that small-count protection applies to. */
export function SmallCountsNotice({ children }: { children: ReactNode }) {
  return (
    <Alert color="gray" variant="light" title="Petits effectifs protégés">
      {children}
    </Alert>
  );
}
