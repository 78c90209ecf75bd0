import { Button, Group, type ModalProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { MutationError } from './states';

/** The state of the mutation a dialog's action runs. */
export interface ActionMutation {
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

/** What every dialog is given (ConfirmDialog, FormDialog): its frame, its action's mutation, its body. */
export interface DialogProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  size?: ModalProps['size'];
  mutation: ActionMutation;
  children: ReactNode;
}

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
  mutation: ActionMutation;
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
