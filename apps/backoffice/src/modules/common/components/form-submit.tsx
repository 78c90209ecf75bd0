import { Button, Group, type ButtonProps } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ActionMutation } from './dialog-actions';
import { MutationError } from './states';

/**
 * The end of a form on a page: why sending failed (a refusal about fields is shown under them
 * instead), then the submit button.
 */
export function FormSubmit({
  mutation,
  variant,
  children,
}: {
  mutation: ActionMutation;
  variant?: ButtonProps['variant'];
  children: ReactNode;
}) {
  return (
    <>
      <MutationError mutation={mutation} fieldsShownBeside />
      <Group>
        <Button type="submit" variant={variant} loading={mutation.isPending}>
          {children}
        </Button>
      </Group>
    </>
  );
}
