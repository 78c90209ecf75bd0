import {
  Alert,
  Button,
  Card,
  Group,
  List,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { createSeries, catalogueKeys, listActivities, listVenues } from '../../catalogue/api/catalogue';
import { PageTitle } from '../../common/components/page-title';
import { FormSubmit } from '../../common/components/form-submit';
import { useFieldErrors, type FieldErrors } from '../../common/hooks/use-field-errors';
import { useFormFields } from '../../common/hooks/use-form-fields';
import { EmptyState, MutationError, QueryView } from '../../common/components/states';
import { formatLocalDate, PRACTICE_MODE_LABELS } from '../../common/utils/format';
import { publishSession, sessionKeys, type Session } from '../../sessions/api/sessions';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "lundi 22 février 2027": what a screen reader says for a day of the calendar. */
function dayLabel(date: string): string {
  return new Intl.DateTimeFormat('fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

/**
 * A series in one step, as the programmes are written ("22/01, 19/02, …"): an activity, the dates
 * picked on a calendar, one time and venue. Created as drafts, then published together.
 */
export function SeriesPage() {
  const activities = useQuery({ queryKey: catalogueKeys.activities, queryFn: listActivities });
  const venues = useQuery({ queryKey: catalogueKeys.venues, queryFn: listVenues });
  const [created, setCreated] = useState<Session[] | null>(null);

  return (
    <>
      <PageTitle title="Nouvelle série de séances">Nouvelle série de séances</PageTitle>
      <QueryView query={activities} loading="Chargement des activités…">
        {(activityList) =>
          activityList.length === 0 ? (
            <EmptyState title="Aucune activité dans le catalogue">
              Une série répète une activité : créez d’abord l’activité dans le{' '}
              <Link to="/catalogue">catalogue</Link>.
            </EmptyState>
          ) : created ? (
            <CreatedSeries sessions={created} onAgain={() => setCreated(null)} />
          ) : (
            <SeriesForm activities={activityList} venues={venues.data ?? []} onCreated={setCreated} />
          )
        }
      </QueryView>
    </>
  );
}

function SeriesForm({
  activities,
  venues,
  onCreated,
}: {
  activities: Awaited<ReturnType<typeof listActivities>>;
  venues: Awaited<ReturnType<typeof listVenues>>;
  onCreated: (sessions: Session[]) => void;
}) {
  const [dates, setDates] = useState<string[]>([]);
  const [practiceModes, setPracticeModes] = useState<string[]>([]);
  const { errors, onSubmit, fromServer } = useFieldErrors();
  const { form, bind, set } = useFormFields(
    {
      activityId: null as string | null,
      venueId: null as string | null,
      startTime: '18:30',
      endTime: '19:30',
      capacity: '' as number | '',
    },
    errors,
  );
  const { activityId, venueId, startTime, endTime, capacity } = form;
  const activity = activities.find((a) => a.id === activityId);
  const create = useMutation({
    mutationFn: () =>
      createSeries({
        activityId: activityId!,
        venueId: venueId ?? undefined,
        dates: [...dates].sort(),
        startTime,
        endTime,
        capacity: capacity === '' ? undefined : capacity,
        eligiblePracticeModes: practiceModes as ('liberal' | 'salarie' | 'mixte' | 'etudiant')[],
      }),
    onSuccess: (answer) => onCreated(answer.sessions),
    onError: fromServer,
  });

  function problems(): FieldErrors {
    const problems: FieldErrors = {};
    if (!activityId) problems.activityId = 'Choisissez l’activité à répéter';
    if (dates.length === 0) problems.dates = 'Cliquez sur au moins une date dans le calendrier';
    if (!TIME.test(startTime)) problems.startTime = 'Heure au format 18:30';
    if (!TIME.test(endTime)) problems.endTime = 'Heure au format 19:30';
    if (TIME.test(startTime) && TIME.test(endTime) && endTime <= startTime)
      problems.endTime = 'La fin doit suivre le début';
    if (!venueId && !activity?.venueId)
      problems.venueId = 'Cette activité n’a pas de lieu par défaut : choisissez-en un';
    return problems;
  }

  return (
    <form onSubmit={onSubmit(problems, () => create.mutate())} noValidate>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <Stack>
          <Select
            label="Activité"
            required
            searchable
            data={activities
              .filter((a) => !a.archived)
              .map((a) => ({ value: a.id, label: `${a.title} — ${a.category}` }))}
            {...bind.select('activityId')}
            onChange={(value) => {
              set('activityId', value);
              const picked = activities.find((a) => a.id === value);
              if (picked?.capacity) set('capacity', picked.capacity);
            }}
          />
          <Select
            label="Lieu"
            description={activity?.venueId ? 'Par défaut : le lieu de l’activité' : undefined}
            data={venues.filter((v) => !v.archived).map((v) => ({ value: v.id, label: v.name }))}
            {...bind.select('venueId')}
            value={venueId ?? activity?.venueId ?? null}
          />
          <Group grow>
            <TextInput label="Début" required {...bind.text('startTime')} placeholder="18:30" />
            <TextInput label="Fin" required {...bind.text('endTime')} placeholder="19:30" />
          </Group>
          <NumberInput label="Places par séance" min={1} max={500} {...bind.number('capacity')} />
          <MultiSelect
            label="Réservé aux modes d’exercice"
            description="Vide : tout le monde (« libéraux uniquement » : choisissez Libéral ; cochez Étudiant pour accueillir les étudiants)"
            data={Object.entries(PRACTICE_MODE_LABELS).map(([value, label]) => ({ value, label }))}
            value={practiceModes}
            onChange={setPracticeModes}
            clearable
          />
          <Alert
            color="blue"
            title={
              dates.length === 0
                ? 'Aucune date choisie'
                : `${dates.length} date${dates.length > 1 ? 's' : ''} choisie${dates.length > 1 ? 's' : ''}`
            }
            aria-live="polite"
          >
            <Text size="sm">
              {dates.length > 0
                ? [...dates].sort().map(formatLocalDate).join(', ')
                : 'Cliquez sur les dates dans le calendrier.'}
            </Text>
          </Alert>
          <FormSubmit mutation={create}>
            Créer {dates.length > 0 ? `les ${dates.length} séances` : 'la série'} en brouillon
          </FormSubmit>
        </Stack>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs" id="calendrier-titre">
            Dates de la série
          </Title>
          <Text size="sm" c="dimmed" mb="sm" id="calendrier-aide">
            Cliquez sur chaque date (ou flèches du clavier puis Entrée) ; cliquez à nouveau pour la retirer.
          </Text>
          <DatePicker
            type="multiple"
            value={dates}
            onChange={(value) => setDates(value as string[])}
            numberOfColumns={1}
            minDate={new Date().toISOString().slice(0, 10)}
            aria-labelledby="calendrier-titre"
            aria-describedby="calendrier-aide"
            getDayProps={(date) => ({ 'aria-label': dayLabel(date) })}
            ariaLabels={{ previousMonth: 'Mois précédent', nextMonth: 'Mois suivant' }}
            // Days of the neighbouring months and the weekend's red are drawn too pale for AA contrast.
            hideOutsideDates
            weekendDays={[]}
          />
          {errors.dates && (
            <Text c="red.9" size="sm" role="alert" mt="xs">
              {errors.dates}
            </Text>
          )}
        </Card>
      </SimpleGrid>
    </form>
  );
}

function CreatedSeries({ sessions, onAgain }: { sessions: Session[]; onAgain: () => void }) {
  const queryClient = useQueryClient();
  const [published, setPublished] = useState(false);
  const publishAll = useMutation({
    mutationFn: async () => {
      for (const session of sessions) if (session.status === 'draft') await publishSession(session.id);
    },
    onSuccess: () => {
      setPublished(true);
      notifications.show({
        color: 'green',
        message: `${sessions.length} séances publiées sur le programme public.`,
      });
      void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
    },
  });
  return (
    <Stack maw={640}>
      <Alert
        color="green"
        title={`${sessions.length} séances créées${published ? ' et publiées' : ' en brouillon'}`}
        role="status"
      >
        <List size="sm">
          {sessions.map((s) => (
            <List.Item key={s.id}>
              <Link to={`/seances/${s.id}`}>
                {formatLocalDate(s.localDate)} à {s.localStartTime.replace(':', 'h')} — {s.activity.title}
              </Link>
            </List.Item>
          ))}
        </List>
      </Alert>
      {!published && (
        <Text size="sm">
          Les brouillons ne sont visibles que par l’équipe. Publiez-les pour ouvrir les inscriptions sur le
          programme public.
        </Text>
      )}
      <MutationError mutation={publishAll} />
      <Group>
        {!published && (
          <Button onClick={() => publishAll.mutate()} loading={publishAll.isPending}>
            Publier les {sessions.length} séances
          </Button>
        )}
        <Button variant="default" onClick={onAgain}>
          Créer une autre série
        </Button>
      </Group>
    </Stack>
  );
}
