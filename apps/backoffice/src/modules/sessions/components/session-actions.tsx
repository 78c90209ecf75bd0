import { Alert, Button, Group, NumberInput, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  cancelSession,
  publishSession,
  sessionKeys,
  updateSession,
  type Registration,
  type Session,
  type SessionChanges,
} from '../api/sessions';
import { notifySentence, peopleToNotify } from '../domain/impact';
import { MutationError } from '../../common/components/states';
import { ConfirmDialog } from '../../common/components/confirm-dialog';

/** Publish, reschedule or resize, cancel — each showing first whom it will reach. */
export function SessionActions({
  session,
  registrations,
}: {
  session: Session;
  registrations: Registration[];
}) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'cancel' | 'change' | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
  };
  const publish = useMutation({
    mutationFn: () => publishSession(session.id),
    onSuccess: () => {
      notifications.show({
        color: 'green',
        message: 'Séance publiée : elle apparaît sur le programme public.',
      });
      refresh();
    },
  });
  const live = session.status === 'draft' || session.status === 'published';
  if (!live) return null;
  const affected = peopleToNotify(registrations);

  return (
    <>
      <Group>
        {session.status === 'draft' && (
          <Button onClick={() => publish.mutate()} loading={publish.isPending}>
            Publier la séance
          </Button>
        )}
        <Button variant="default" onClick={() => setDialog('change')}>
          Déplacer ou changer la jauge
        </Button>
        <Button variant="outline" color="red.9" onClick={() => setDialog('cancel')}>
          Annuler la séance
        </Button>
      </Group>
      <MutationError mutation={publish} />
      <CancelSessionDialog
        session={session}
        affected={affected}
        opened={dialog === 'cancel'}
        onClose={() => setDialog(null)}
        onDone={refresh}
      />
      <ChangeSessionDialog
        session={session}
        affected={affected}
        opened={dialog === 'change'}
        onClose={() => setDialog(null)}
        onDone={refresh}
      />
    </>
  );
}

/** A dialog that changes the session, telling first who will be told. */
interface SessionDialogProps {
  session: Session;
  affected: number;
  opened: boolean;
  onClose: () => void;
  onDone: () => void;
}

function CancelSessionDialog({ session, affected, opened, onClose, onDone }: SessionDialogProps) {
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () => cancelSession(session.id, reason.trim() || null),
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'Séance annulée ; les participants sont prévenus.' });
      onDone();
      onClose();
    },
  });
  return (
    <ConfirmDialog
      opened={opened}
      onClose={onClose}
      title="Annuler la séance ?"
      mutation={cancel}
      keepLabel="Garder la séance"
      confirmLabel="Annuler la séance"
      onConfirm={() => cancel.mutate()}
      danger
    >
      <Alert color="orange" title="Qui sera prévenu">
        <Text size="sm">
          {session.status === 'draft'
            ? 'La séance n’est pas publiée : personne ne sera prévenu.'
            : notifySentence(affected)}
        </Text>
        {session.status === 'published' && (
          <Text size="sm">Leurs inscriptions seront annulées et les rappels supprimés.</Text>
        )}
      </Alert>
      <Textarea
        label="Motif (indiqué dans l’e-mail)"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        maxLength={500}
      />
    </ConfirmDialog>
  );
}

function ChangeSessionDialog({ session, affected, opened, onClose, onDone }: SessionDialogProps) {
  const [date, setDate] = useState<string | null>(session.localDate);
  const [startTime, setStartTime] = useState(session.localStartTime);
  const [endTime, setEndTime] = useState(session.localEndTime);
  const [capacity, setCapacity] = useState<number>(session.capacity);
  const change = useMutation({
    mutationFn: () => {
      const changes: SessionChanges = {};
      if (date && date !== session.localDate) changes.date = date;
      if (startTime !== session.localStartTime) changes.startTime = startTime;
      if (endTime !== session.localEndTime) changes.endTime = endTime;
      if (capacity !== session.capacity) changes.capacity = capacity;
      return updateSession(session.id, changes);
    },
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'Séance modifiée.' });
      onDone();
      onClose();
    },
  });
  const moved =
    date !== session.localDate || startTime !== session.localStartTime || endTime !== session.localEndTime;
  const bigger = capacity > session.capacity;
  return (
    <ConfirmDialog
      opened={opened}
      onClose={onClose}
      title="Déplacer ou changer la jauge"
      size="lg"
      mutation={change}
      keepLabel="Fermer"
      confirmLabel="Enregistrer"
      onConfirm={() => change.mutate()}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateInput label="Date" value={date} onChange={setDate} valueFormat="DD/MM/YYYY" />
        <NumberInput
          label="Places"
          min={1}
          max={500}
          value={capacity}
          onChange={(value) => setCapacity(Number(value) || 1)}
        />
        <TextInput
          label="Début (HH:MM)"
          value={startTime}
          onChange={(e) => setStartTime(e.currentTarget.value)}
        />
        <TextInput label="Fin (HH:MM)" value={endTime} onChange={(e) => setEndTime(e.currentTarget.value)} />
      </SimpleGrid>
      {session.status === 'published' && (
        <Alert color="blue" title="Ce qui sera envoyé">
          <Text size="sm">
            {moved
              ? `${notifySentence(affected)} Elles recevront la nouvelle date et une invitation d’agenda mise à jour.`
              : 'Un changement de jauge ne prévient personne.'}
          </Text>
          {bigger && (
            <Text size="sm">
              Les places ajoutées sont proposées d’abord à la liste d’attente, dans l’ordre.
            </Text>
          )}
        </Alert>
      )}
    </ConfirmDialog>
  );
}
