import { Alert, Button, Center, Group, Loader, Stack, Text, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { describeError, fieldErrorsOf } from '../../../api/api-error';

export function LoadingState({ label = 'Chargement…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text>{label}</Text>
      </Group>
    </Center>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert color="red" title="Impossible d’afficher cette page" role="alert" variant="light">
      <Stack gap="sm">
        <Text size="sm">{describeError(error)}</Text>
        {onRetry && (
          <Group>
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              Réessayer
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Stack align="center" gap="xs" py="xl" ta="center">
      <Text fw={600}>{title}</Text>
      {children && (
        <Text size="sm" c="dimmed" maw={520}>
          {children}
        </Text>
      )}
    </Stack>
  );
}

export interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Loading, error with a retry, or the content. */
export function QueryView<T>({
  query,
  children,
  loading,
}: {
  query: QueryLike<T>;
  children: (data: T) => ReactNode;
  loading?: string;
}) {
  if (query.isPending) return <LoadingState label={loading} />;
  if (query.error || query.data === undefined)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

/**
 * Why an action failed, beside it, once it has (nothing before). With `fieldsShownBeside`, a
 * refusal about fields says nothing here: the form shows it under each field.
 */
export function MutationError({
  mutation,
  title,
  mt,
  fieldsShownBeside = false,
}: {
  mutation: { isError: boolean; error: unknown };
  title?: string;
  mt?: MantineSpacing;
  fieldsShownBeside?: boolean;
}) {
  if (!mutation.isError) return null;
  if (fieldsShownBeside && fieldErrorsOf(mutation.error)) return null;
  return (
    <Alert color="red" role="alert" title={title} mt={mt}>
      {describeError(mutation.error)}
    </Alert>
  );
}
