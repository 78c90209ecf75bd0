import { Alert, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { eraseParticipant } from '../api/participants';
import { DialogActions } from '../../common/components/dialog-actions';

export interface ErasureTarget {
  participantId: string;
  name: string;
}

/**
 * A coordinator erases a participant's personal data at their request, after being told what goes
 * and that it cannot be undone.
 */
export function EraseParticipantDialog({
  target,
  onClose,
}: {
  target: ErasureTarget | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const erase = useMutation({
    mutationFn: (who: ErasureTarget) => eraseParticipant(who.participantId),
    onSuccess: (_answer, who) => {
      notifications.show({ color: 'green', message: `Les données de ${who.name} ont été effacées.` });
      // The person may be named on any list on screen (registrations, payments): refetch them all.
      void queryClient.invalidateQueries();
      close();
    },
  });
  function close() {
    erase.reset();
    onClose();
  }
  return (
    <Modal
      opened={target !== null}
      onClose={close}
      title={target ? `Effacer les données de ${target.name} ?` : ''}
      closeButtonProps={{ 'aria-label': 'Fermer' }}
    >
      {target && (
        <Stack>
          <Text size="sm">À la demande de la personne (RGPD), Respire efface dans tous ses services :</Text>
          <List size="sm">
            <List.Item>son nom, son prénom, son adresse e-mail, son code postal et son n° RPPS ;</List.Item>
            <List.Item>ses consentements et ses préférences de rappels ;</List.Item>
            <List.Item>
              son adresse et son prénom dans le journal des e-mails (les e-mails pas encore partis ne
              partiront pas).
            </List.Item>
          </List>
          <Text size="sm">Ses inscriptions restent comptées dans les rapports, sans la nommer.</Text>
          <Alert color="red" title="Action irréversible" role="note">
            Les données effacées ne pourront pas être retrouvées. Si la personne s’inscrit de nouveau, elle
            sera enregistrée comme une nouvelle personne.
          </Alert>
          <DialogActions
            mutation={erase}
            errorTitle="Les données n’ont pas été effacées"
            onClose={close}
            closeLabel="Garder les données"
            onConfirm={() => erase.mutate(target)}
            danger
          >
            Effacer définitivement
          </DialogActions>
        </Stack>
      )}
    </Modal>
  );
}
