import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { cssVariablesResolver, theme } from '../app/theme';
import { AccountProvider } from '../modules/auth/hooks/account-context';

/** A page inside the app's providers, at `path` of `route`, without retries. */
export function renderPage(page: ReactNode, { route, path }: { route: string; path: string }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <DatesProvider settings={{ locale: 'fr' }}>
        <QueryClientProvider client={queryClient}>
          <MemoryRouter initialEntries={[route]}>
            <AccountProvider>
              <Routes>
                <Route path={path} element={page} />
              </Routes>
            </AccountProvider>
          </MemoryRouter>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>,
  );
}

type Handler = (request: Request) => Response | Promise<Response>;

/** Answers fetch() from a table of `METHOD /path` → handler; anything else is a test error. */
export function stubFetch(routes: Record<string, Handler>) {
  const calls: Request[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request =
      input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    calls.push(request);
    const path = new URL(request.url).pathname;
    const handler = routes[`${request.method} ${path}`];
    if (!handler) throw new Error(`unexpected ${request.method} ${path}`);
    return handler(request);
  }) as typeof fetch;
  return calls;
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const ACCOUNT = {
  staffId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c10',
  tenantId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c01',
  tenantName: 'CPTS du Grand Besançon',
  tenantSlug: 'capacites-besancon',
  name: 'Paul Intervenant',
  email: 'paul@cpts.fr',
  roles: ['facilitator'],
  facilitatorId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c99',
};

export const tokenRoute = (account = ACCOUNT): Record<string, Handler> => ({
  'POST /v1/auth/token': () =>
    json({ accessToken: 'token', expiresAt: new Date(Date.now() + 300_000).toISOString(), account }),
});

/** axe-core on what is rendered (colour contrast needs a layout jsdom lacks: checked in Chromium). */
export async function axeViolations(container: Element) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
