import { Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { DialogActions, type DialogProps } from './dialog-actions';

/**
 * A dialog that is one form: its fields (errors under each), then why sending failed otherwise,
 * "close" and the submit button.
 */
export function FormDialog({
  opened,
  onClose,
  title,
  size,
  onSubmit,
  mutation,
  submitLabel,
  children,
}: DialogProps & {
  onSubmit: (event: FormEvent) => void;
  submitLabel: ReactNode;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {children}
          <DialogActions mutation={mutation} onClose={onClose} fieldsShownBeside>
            {submitLabel}
          </DialogActions>
        </Stack>
      </form>
    </Modal>
  );
}
