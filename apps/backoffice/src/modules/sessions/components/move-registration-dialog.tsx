import { Alert, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDay, formatTime } from '../../common/utils/format';
import {
  listActivitySessions,
  moveRegistration,
  sessionKeys,
  type Registration,
  type Session,
} from '../api/sessions';
import { ConfirmDialog } from '../../common/components/confirm-dialog';

/** Moves someone to another date of the same activity: cancelled here, registered there, in one step. */
export function MoveRegistrationDialog({
  session,
  target,
  onClose,
}: {
  session: Session;
  target: Registration | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [destination, setDestination] = useState<string | null>(null);
  const others = useQuery({
    queryKey: ['sessions', 'activity', session.activityId],
    queryFn: () => listActivitySessions(session.activityId),
    enabled: target !== null,
  });
  const choices = (others.data ?? []).filter(
    (s) => s.id !== session.id && Date.parse(s.startsAt) > Date.now(),
  );
  const move = useMutation({
    mutationFn: () => moveRegistration(target!.id, destination!),
    onSuccess: (answer) => {
      notifications.show({
        color: 'green',
        message:
          answer.registration.status === 'confirmed'
            ? `${target!.firstName} ${target!.lastName} est inscrit·e à la nouvelle date.`
            : `${target!.firstName} ${target!.lastName} est en liste d’attente à la nouvelle date (position ${answer.registration.waitlistPosition}).`,
      });
      void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
      setDestination(null);
      onClose();
    },
  });
  return (
    <ConfirmDialog
      opened={target !== null}
      onClose={onClose}
      title={target ? `Déplacer ${target.firstName} ${target.lastName}` : ''}
      mutation={move}
      keepLabel="Fermer"
      confirmLabel="Déplacer"
      onConfirm={() => move.mutate()}
      disabled={!destination}
    >
      <Select
        label="Nouvelle date"
        placeholder={
          others.isPending
            ? 'Chargement…'
            : choices.length === 0
              ? 'Aucune autre date publiée'
              : 'Choisir une date'
        }
        data={choices.map((s) => ({
          value: s.id,
          label: `${formatDay(s.startsAt, s.timezone)}, ${formatTime(s.startsAt, s.timezone)} — ${s.placesLeft > 0 ? `${s.placesLeft} places` : 'complet : liste d’attente'}`,
        }))}
        value={destination}
        onChange={setDestination}
      />
      {target && (
        <Alert color="blue" title="Ce qui sera envoyé">
          <Text size="sm">
            {target.firstName} {target.lastName} recevra l’annulation de cette date et la confirmation de la
            nouvelle (ou sa position en liste d’attente si elle est complète).
          </Text>
        </Alert>
      )}
    </ConfirmDialog>
  );
}
