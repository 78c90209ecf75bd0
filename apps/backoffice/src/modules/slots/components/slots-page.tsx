import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { components as CatalogSchemas } from '../../../api/generated/catalog';
import { unwrap } from '../../../api/api-error';
import { FormSubmit } from '../../common/components/form-submit';
import { useFieldErrors, type FieldErrors } from '../../common/hooks/use-field-errors';
import { catalogApi } from '../../../api/client';
import { catalogueKeys, listActivities } from '../../catalogue/api/catalogue';
import { useFormFields } from '../../common/hooks/use-form-fields';
import { PageTitle } from '../../common/components/page-title';
import { QueryView } from '../../common/components/states';
import { formatLocalDate } from '../../common/utils/format';
import { sessionKeys } from '../../sessions/api/sessions';

type SlotsBody = CatalogSchemas['schemas']['CreateSlotsDto'];
type Session = CatalogSchemas['schemas']['SessionResponseDto'];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const createSlots = (activityId: string, body: SlotsBody) =>
  unwrap(catalogApi.POST('/v1/activities/{id}/slots', { params: { path: { id: activityId } }, body }));

/**
 * Individual support: the slots of a schedule in one step — a first day repeated weekly, opening
 * hours cut into slots of a given length (every Tuesday 14:00–17:00 in 45-minute slots for six
 * weeks). One person per slot unless said otherwise; all are created, or none.
 */
export function SlotsPage() {
  const { id = '' } = useParams();
  const activities = useQuery({ queryKey: catalogueKeys.activities, queryFn: listActivities });
  const [created, setCreated] = useState<Session[] | null>(null);
  return (
    <QueryView query={activities} loading="Chargement de l’activité…">
      {(list) => {
        const activity = list.find((a) => a.id === id);
        if (!activity)
          return (
            <Alert color="red">
              Activité introuvable. Revenez au <Link to="/catalogue">catalogue</Link>.
            </Alert>
          );
        return (
          <>
            <PageTitle title={`Créneaux : ${activity.title}`}>Créneaux : {activity.title}</PageTitle>
            {created ? (
              <Created sessions={created} onAgain={() => setCreated(null)} />
            ) : (
              <SlotsForm activityId={id} onCreated={setCreated} />
            )}
          </>
        );
      }}
    </QueryView>
  );
}

function SlotsForm({
  activityId,
  onCreated,
}: {
  activityId: string;
  onCreated: (sessions: Session[]) => void;
}) {
  const { errors, onSubmit, fromServer } = useFieldErrors();
  const { form, bind } = useFormFields(
    {
      firstDate: '',
      weeks: 6 as number | '',
      startTime: '14:00',
      endTime: '17:00',
      slotMinutes: 45 as number | '',
      capacity: 1 as number | '',
      publish: true,
    },
    errors,
  );
  const queryClient = useQueryClient();
  const perDay =
    TIME.test(form.startTime) && TIME.test(form.endTime) && form.slotMinutes
      ? Math.max(0, Math.floor((minutes(form.endTime) - minutes(form.startTime)) / Number(form.slotMinutes)))
      : 0;
  const mutation = useMutation({
    mutationFn: () =>
      createSlots(activityId, {
        firstDate: form.firstDate,
        weeks: Number(form.weeks),
        startTime: form.startTime,
        endTime: form.endTime,
        slotMinutes: Number(form.slotMinutes),
        capacity: Number(form.capacity),
        publish: form.publish,
      }),
    onSuccess: (answer) => {
      notifications.show({ color: 'green', message: `${answer.sessions.length} créneaux créés.` });
      void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
      onCreated(answer.sessions);
    },
    onError: fromServer,
  });

  function problems(): FieldErrors {
    const problems: FieldErrors = {};
    if (!DATE.test(form.firstDate))
      problems.firstDate = 'Premier jour au format AAAA-MM-JJ, par exemple 2027-03-09';
    if (!form.weeks || Number(form.weeks) < 1) problems.weeks = 'Au moins une semaine';
    if (!TIME.test(form.startTime)) problems.startTime = 'Heure au format HH:MM, par exemple 14:00';
    if (!TIME.test(form.endTime)) problems.endTime = 'Heure au format HH:MM, par exemple 17:00';
    if (!form.slotMinutes) problems.slotMinutes = 'Durée d’un créneau en minutes, par exemple 45';
    if (!problems.startTime && !problems.endTime && !problems.slotMinutes && perDay === 0)
      problems.slotMinutes = 'Aucun créneau de cette durée ne tient entre ces heures';
    return problems;
  }

  return (
    <Card withBorder maw={720}>
      <form onSubmit={onSubmit(problems, () => mutation.mutate())} noValidate aria-label="Créer des créneaux">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Premier jour"
              description="Le même jour de la semaine se répète"
              placeholder="2027-03-09"
              required
              {...bind.text('firstDate')}
            />
            <NumberInput label="Nombre de semaines" min={1} max={52} required {...bind.number('weeks')} />
            <TextInput label="De" description="Heure locale" required {...bind.text('startTime')} />
            <TextInput label="À" description="Heure locale" required {...bind.text('endTime')} />
            <NumberInput
              label="Durée d’un créneau (minutes)"
              min={10}
              max={480}
              required
              {...bind.number('slotMinutes')}
            />
            <NumberInput label="Personnes par créneau" min={1} max={20} {...bind.number('capacity')} />
          </SimpleGrid>
          <Checkbox
            label="Publier tout de suite (les créneaux libres apparaissent sur le programme)"
            {...bind.checkbox('publish')}
          />
          <Text size="sm" role="status">
            {perDay > 0 && form.weeks
              ? `${perDay} créneau${perDay > 1 ? 'x' : ''} par jour, ${perDay * Number(form.weeks)} en tout.`
              : ''}
          </Text>
          <FormSubmit mutation={mutation}>Créer les créneaux</FormSubmit>
        </Stack>
      </form>
    </Card>
  );
}

function Created({ sessions, onAgain }: { sessions: Session[]; onAgain: () => void }) {
  const days = [...new Set(sessions.map((s) => s.localDate))];
  return (
    <Card withBorder maw={720}>
      <Stack>
        <Text fw={600}>
          {sessions.length} créneaux créés sur {days.length} jour{days.length > 1 ? 's' : ''}.
        </Text>
        <List size="sm">
          {days.map((day) => (
            <List.Item key={day}>
              {formatLocalDate(day)} :{' '}
              {sessions
                .filter((s) => s.localDate === day)
                .map((s) => s.localStartTime)
                .join(', ')}
            </List.Item>
          ))}
        </List>
        <Group>
          <Button component={Link} to="/seances" variant="default">
            Voir les séances
          </Button>
          <Button variant="default" onClick={onAgain}>
            Créer d’autres créneaux
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}
