import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { MutationError } from './states';

/**
 * The foot of a dialog: why its action failed (once it has), then "close" and the action, at the
 * right. Without `onConfirm` the action is the submit button of the form around it.
 */
export function DialogActions({
  mutation,
  onClose,
  closeLabel = 'Fermer',
  onConfirm,
  danger = false,
  disabled,
  errorTitle,
  fieldsShownBeside,
  children,
}: {
  mutation: { isPending: boolean; isError: boolean; error: unknown };
  onClose: () => void;
  closeLabel?: string;
  onConfirm?: () => void;
  /** The action cannot be undone (cancel, erase, remove): drawn in red. */
  danger?: boolean;
  disabled?: boolean;
  errorTitle?: string;
  fieldsShownBeside?: boolean;
  /** The action's label. */
  children: ReactNode;
}) {
  return (
    <>
      <MutationError mutation={mutation} title={errorTitle} fieldsShownBeside={fieldsShownBeside} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {closeLabel}
        </Button>
        <Button
          type={onConfirm ? 'button' : 'submit'}
          color={danger ? 'red.9' : undefined}
          onClick={onConfirm}
          disabled={disabled}
          loading={mutation.isPending}
        >
          {children}
        </Button>
      </Group>
    </>
  );
}
