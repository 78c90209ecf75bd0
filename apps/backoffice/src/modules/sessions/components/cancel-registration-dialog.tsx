import { Alert, List, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { cancelRegistration, sessionKeys, type Registration, type Session } from '../api/sessions';
import { cancellationMessage } from '../domain/impact';
import { ConfirmDialog } from '../../common/components/confirm-dialog';

/** Cancels one person's registration, saying first who will be told what. */
export function CancelRegistrationDialog({
  session,
  registrations,
  target,
  onClose,
}: {
  session: Session;
  registrations: Registration[];
  target: Registration | null;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: (registration: Registration) => cancelRegistration(registration.id, reason.trim() || null),
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'Inscription annulée ; les messages partent.' });
      void queryClient.invalidateQueries({ queryKey: sessionKeys.one(session.id) });
      void queryClient.invalidateQueries({ queryKey: sessionKeys.registrations(session.id) });
      setReason('');
      onClose();
    },
  });
  return (
    <ConfirmDialog
      opened={target !== null}
      onClose={onClose}
      title={target ? `Annuler l’inscription de ${target.firstName} ${target.lastName} ?` : ''}
      mutation={cancel}
      keepLabel="Garder l’inscription"
      confirmLabel="Annuler l’inscription"
      onConfirm={() => target && cancel.mutate(target)}
      danger
    >
      {target && (
        <Alert color="blue" title="Ce qui sera envoyé">
          <List size="sm">
            {cancellationMessage(target, registrations).map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Textarea
        label="Motif (facultatif, indiqué dans l’e-mail)"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        maxLength={500}
      />
    </ConfirmDialog>
  );
}
