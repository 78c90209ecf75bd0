import { Alert, Badge, Button, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/api-error';
import { PageTitle } from '../../common/components/page-title';
import { EmptyState, ErrorState, LoadingState } from '../../common/components/states';
import { formatDay, formatTime, plural, PROFESSION_LABELS } from '../../common/utils/format';
import { AttendanceSheetButton } from '../../paperwork/components/attendance-sheet-button';
import { getSession, listRegistrations, sessionKeys, type Registration } from '../../sessions/api/sessions';
import { useAttendanceQueue } from '../hooks/use-attendance-queue';
import type { AttendanceQueue } from '../domain/attendance-queue';

const PRESENT_STATUSES = new Set(['confirmed', 'attended', 'no_show']);

/**
 * A facilitator takes attendance on a phone: one tap per person, saved at once when the network
 * allows, kept and retried when it does not, with what is not saved yet in plain sight.
 */
export function AttendancePage() {
  const { id = '' } = useParams();
  const session = useQuery({ queryKey: sessionKeys.one(id), queryFn: () => getSession(id) });
  const registrations = useQuery({
    queryKey: sessionKeys.registrations(id),
    queryFn: () => listRegistrations(id),
    enabled: session.isSuccess,
  });
  const queue = useAttendanceQueue(id);

  if (session.isPending) return <LoadingState label="Chargement de la séance…" />;
  if (session.error instanceof ApiError && session.error.status === 404) {
    return (
      <>
        <PageTitle title="Séance introuvable">Séance introuvable</PageTitle>
        <Alert color="red" role="alert">
          Cette séance n’est pas l’une des vôtres, ou elle n’existe pas.{' '}
          <Link to="/mes-seances">Revenir à mes séances</Link>
        </Alert>
      </>
    );
  }
  if (session.error || !session.data)
    return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  const s = session.data;
  const attendees = (registrations.data ?? []).filter((r) => PRESENT_STATUSES.has(r.status));
  const pending = queue.pendingCount();

  return (
    <Stack gap="md" maw={640}>
      <div>
        <PageTitle title={s.activity.title}>{s.activity.title}</PageTitle>
        <Text>
          {formatDay(s.startsAt, s.timezone)}, {formatTime(s.startsAt, s.timezone)}–
          {formatTime(s.endsAt, s.timezone)} · {s.venue.name}
        </Text>
        <AttendanceSheetButton sessionId={s.id} size="md" mt="sm" />
      </div>
      <div aria-live="polite" role="status">
        {pending > 0 ? (
          <Alert
            color="yellow"
            title={`${plural(pending, 'pointage pas encore enregistré', 'pointages pas encore enregistrés')}`}
          >
            <Text size="sm">{queue.error() ?? 'Envoi en cours…'}</Text>
            <Button mt="xs" size="xs" variant="white" onClick={() => void queue.flush()}>
              Réessayer maintenant
            </Button>
          </Alert>
        ) : (
          queue.error() && (
            <Alert color="red" role="alert">
              {queue.error()}
            </Alert>
          )
        )}
      </div>
      {registrations.isPending ? (
        <LoadingState label="Chargement des participants…" />
      ) : registrations.error ? (
        <ErrorState error={registrations.error} onRetry={() => void registrations.refetch()} />
      ) : attendees.length === 0 ? (
        <EmptyState title="Personne n’est inscrit pour l’instant">
          La liste se remplira au fil des inscriptions ; rouvrez cette page avant la séance.
        </EmptyState>
      ) : (
        <Stack component="ul" gap="xs" p={0} style={{ listStyle: 'none' }} aria-label="Participants">
          {attendees.map((registration) => (
            <AttendeeRow key={registration.id} sessionId={id} registration={registration} queue={queue} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function AttendeeRow({
  sessionId,
  registration,
  queue,
}: {
  sessionId: string;
  registration: Registration;
  queue: AttendanceQueue;
}) {
  const local = queue.stateOf(registration.id);
  const attended = queue.attendedOf(registration);
  const name = `${registration.firstName} ${registration.lastName}`;
  const tap = (value: boolean) => queue.mark({ sessionId, registrationId: registration.id, attended: value });
  return (
    <li>
      <Card withBorder padding="sm">
        <Group justify="space-between" wrap="nowrap" align="center">
          <div>
            <Text fw={600}>{name}</Text>
            <Text size="sm" c="dimmed">
              {PROFESSION_LABELS[registration.profession] ?? registration.profession}
            </Text>
            {local && local.state !== 'saved' && (
              <Badge
                color="yellow.9"
                variant="outline"
                mt={4}
                leftSection={local.state === 'sending' ? <Loader size={10} aria-hidden /> : undefined}
              >
                {local.state === 'sending' ? 'Envoi…' : 'Pas encore enregistré'}
              </Badge>
            )}
          </div>
          <Group gap={6} wrap="nowrap" role="group" aria-label={`Présence de ${name}`}>
            <Button
              size="md"
              variant={attended === true ? 'filled' : 'default'}
              aria-pressed={attended === true}
              onClick={() => tap(true)}
            >
              Présent
            </Button>
            <Button
              size="md"
              color="red.9"
              variant={attended === false ? 'filled' : 'default'}
              aria-pressed={attended === false}
              onClick={() => tap(false)}
            >
              Absent
            </Button>
          </Group>
        </Group>
      </Card>
    </li>
  );
}
