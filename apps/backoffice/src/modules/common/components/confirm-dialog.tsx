import { Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { DialogActions, type DialogProps } from './dialog-actions';

/** A dialog that asks before one action: what it will do (`children`), then "keep" and the action. */
export function ConfirmDialog({
  opened,
  onClose,
  title,
  size,
  mutation,
  keepLabel,
  confirmLabel,
  onConfirm,
  danger = false,
  disabled,
  children,
}: DialogProps & {
  keepLabel: string;
  confirmLabel: ReactNode;
  onConfirm: () => void;
  danger?: boolean;
  disabled?: boolean;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      <Stack>
        {children}
        <DialogActions
          mutation={mutation}
          onClose={onClose}
          closeLabel={keepLabel}
          onConfirm={onConfirm}
          danger={danger}
          disabled={disabled}
        >
          {confirmLabel}
        </DialogActions>
      </Stack>
    </Modal>
  );
}
