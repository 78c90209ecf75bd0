import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/api-error';
import { SignedOutError } from '../api/session-token';

/** Refusals (4xx) and sign-outs are answers, not outages: only retry the rest. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failures, error) =>
          failures < 2 &&
          !(error instanceof SignedOutError) &&
          !(error instanceof ApiError && error.status < 500),
      },
    },
  });
}
