import { Alert, Badge, Button, Group, Stack, Tabs, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../../api/api-error';
import { PageTitle } from '../../common/components/page-title';
import { EmptyState, ErrorState, LoadingState } from '../../common/components/states';
import {
  formatDateTime,
  formatDay,
  formatTime,
  PROFESSION_LABELS,
  REGISTRATION_STATUS_LABELS,
  SESSION_STATUS_LABELS,
} from '../../common/utils/format';
import { useAttendanceQueue } from '../../attendance/hooks/use-attendance-queue';
import type { AttendanceQueue } from '../../attendance/domain/attendance-queue';
import { getSession, listRegistrations, sessionKeys, type Registration, type Session } from '../api/sessions';
import { CancelRegistrationDialog } from './cancel-registration-dialog';
import { FillBar } from './fill-bar';
import { MoveRegistrationDialog } from './move-registration-dialog';
import { RegisterDialog } from './register-dialog';
import { PaperworkCard, PaymentsCard } from '../../paperwork/components/paperwork-card';
import { SessionActions } from './session-actions';
import { SessionMessageCard } from '../../session-messages/components/session-message-card';
import { EraseParticipantDialog } from '../../participants/components/erase-participant-dialog';
import { SectionCard } from '../../common/components/section-card';
import { DataTable } from '../../common/components/data-table';

/** One session for its coordinator: who holds a place, who waits, who was offered one, attendance. */
export function SessionPage() {
  const { id = '' } = useParams();
  const session = useQuery({ queryKey: sessionKeys.one(id), queryFn: () => getSession(id) });
  const published = session.data?.status === 'published' || session.data?.status === 'completed';
  const registrations = useQuery({
    queryKey: sessionKeys.registrations(id),
    queryFn: () => listRegistrations(id),
    enabled: published,
    // registration learns of a newly published session through Kafka: ask again shortly.
    retry: (failures, error) => failures < 5 && error instanceof ApiError && error.status === 404,
    retryDelay: 1000,
  });

  if (session.isPending) return <LoadingState label="Chargement de la séance…" />;
  if (session.error || !session.data)
    return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  const s = session.data;

  return (
    <Stack gap="lg">
      <div>
        <PageTitle title={s.activity.title}>{s.activity.title}</PageTitle>
        <Group gap="sm">
          <Badge
            variant="outline"
            color={s.status === 'cancelled' ? 'red.9' : s.status === 'draft' ? 'gray.8' : 'respire.9'}
          >
            {SESSION_STATUS_LABELS[s.status]}
          </Badge>
          <Text>
            {formatDay(s.startsAt, s.timezone)}, {formatTime(s.startsAt, s.timezone)}–
            {formatTime(s.endsAt, s.timezone)}
          </Text>
          <Text c="dimmed">{s.venue.name}</Text>
          {s.facilitator && <Text c="dimmed">Animé par {s.facilitator.name}</Text>}
        </Group>
        <Group mt="sm">
          <FillBar taken={s.seatsTaken} capacity={s.capacity} label="Places occupées" />
          <Text size="sm">{s.placesLeft > 0 ? `${s.placesLeft} places libres` : 'Complet'}</Text>
        </Group>
      </div>
      <SessionActions session={s} registrations={registrations.data ?? []} />
      {s.status === 'draft' ? (
        <Alert color="blue" title="Séance en brouillon">
          Les inscriptions s’ouvriront quand vous publierez la séance : elle apparaîtra alors sur le programme
          public.
        </Alert>
      ) : registrations.isPending ? (
        <LoadingState label="Chargement des inscriptions…" />
      ) : registrations.error ? (
        <ErrorState error={registrations.error} onRetry={() => void registrations.refetch()} />
      ) : (
        <>
          <RegistrationsView session={s} registrations={registrations.data} />
          <PaperworkCard
            sessionId={s.id}
            attended={registrations.data
              .filter((r) => r.status === 'attended')
              .map((r) => ({ id: r.id, name: `${r.firstName} ${r.lastName}` }))}
          />
          {s.priceCents > 0 && <PaymentsCard sessionId={s.id} />}
        </>
      )}
      {s.status === 'published' && <SessionMessageCard sessionId={s.id} timezone={s.timezone} />}
    </Stack>
  );
}

function RegistrationsView({ session, registrations }: { session: Session; registrations: Registration[] }) {
  const [cancelling, setCancelling] = useState<Registration | null>(null);
  const [moving, setMoving] = useState<Registration | null>(null);
  const [registering, setRegistering] = useState(false);
  const [erasing, setErasing] = useState<Registration | null>(null);
  const queue = useAttendanceQueue(session.id);
  const seated = registrations.filter((r) => ['confirmed', 'attended', 'no_show'].includes(r.status));
  const waitlist = registrations
    .filter((r) => r.status === 'waitlisted')
    .sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
  const offers = registrations.filter((r) => r.status === 'offered');
  const others = registrations.filter((r) => ['cancelled', 'expired', 'declined'].includes(r.status));
  // Attendance opens an hour before the start (registration's rule).
  const started = Date.parse(session.startsAt) - 3_600_000 <= Date.now();
  const open = session.status === 'published';
  const status = (r: Registration) => <Text size="sm">{REGISTRATION_STATUS_LABELS[r.status]}</Text>;
  const tabs: PeopleTab[] = [
    {
      value: 'inscrits',
      label: 'Inscrits',
      people: seated,
      empty:
        'Personne n’est inscrit pour l’instant. Inscrivez quelqu’un qui a appelé, ou attendez les inscriptions en ligne.',
      caption: 'Inscrits',
      extra: (r) =>
        started ? <AttendanceButtons session={session} registration={r} queue={queue} /> : status(r),
      cancel: true,
      move: true,
    },
    {
      value: 'attente',
      label: 'Liste d’attente',
      people: waitlist,
      empty: 'Personne n’attend de place.',
      caption: 'Liste d’attente, dans l’ordre',
      extra: (r) => <Text size="sm">{r.waitlistPosition}ᵉ</Text>,
      cancel: true,
      move: true,
    },
    {
      value: 'propositions',
      label: 'Places proposées',
      people: offers,
      empty: 'Aucune place proposée en ce moment.',
      caption: 'Places proposées',
      extra: (r) => (
        <Text size="sm">
          {r.offerExpiresAt ? `Expire ${formatDateTime(r.offerExpiresAt, session.timezone)}` : ''}
        </Text>
      ),
      cancel: true,
    },
    {
      value: 'autres',
      label: 'Annulés',
      people: others,
      empty: 'Aucune annulation.',
      caption: 'Annulés',
      extra: status,
    },
  ];

  return (
    <SectionCard
      title="Participants"
      actions={open && <Button onClick={() => setRegistering(true)}>Inscrire quelqu’un</Button>}
    >
      {queue.pendingCount() > 0 && (
        <Alert color="yellow" role="status" mb="sm">
          {queue.pendingCount()} pointage(s) pas encore enregistré(s). {queue.error()}
        </Alert>
      )}
      <Tabs defaultValue="inscrits">
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tab.label} ({tab.people.length})
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.value} value={tab.value} pt="sm">
            <PeopleTable
              people={tab.people}
              empty={tab.empty}
              caption={tab.caption}
              extra={tab.extra}
              onCancel={open && tab.cancel ? setCancelling : undefined}
              onMove={open && tab.move ? setMoving : undefined}
              onErase={setErasing}
            />
          </Tabs.Panel>
        ))}
      </Tabs>
      <RegisterDialog session={session} opened={registering} onClose={() => setRegistering(false)} />
      <CancelRegistrationDialog
        session={session}
        registrations={registrations}
        target={cancelling}
        onClose={() => setCancelling(null)}
      />
      <MoveRegistrationDialog session={session} target={moving} onClose={() => setMoving(null)} />
      <EraseParticipantDialog
        target={
          erasing && {
            participantId: erasing.participantId,
            name: `${erasing.firstName} ${erasing.lastName}`,
          }
        }
        onClose={() => setErasing(null)}
      />
    </SectionCard>
  );
}

/** One tab of a session's people: who, what to say when nobody, what the last column shows, what can be done. */
interface PeopleTab {
  value: string;
  label: string;
  people: Registration[];
  empty: string;
  caption: string;
  extra: (r: Registration) => React.ReactNode;
  cancel?: boolean;
  move?: boolean;
}

/** Présent / Absent for one person, through the attendance queue (kept and retried offline). */
function AttendanceButtons({
  session,
  registration: r,
  queue,
}: {
  session: Session;
  registration: Registration;
  queue: AttendanceQueue;
}) {
  const current = queue.attendedOf(r);
  return (
    <Group gap={4} wrap="nowrap" role="group" aria-label={`Présence de ${r.firstName} ${r.lastName}`}>
      {[true, false].map((value) => (
        <Button
          key={String(value)}
          size="xs"
          color={value ? undefined : 'red.9'}
          variant={current === value ? 'filled' : 'default'}
          aria-pressed={current === value}
          onClick={() => queue.mark({ sessionId: session.id, registrationId: r.id, attended: value })}
        >
          {value ? 'Présent' : 'Absent'}
        </Button>
      ))}
    </Group>
  );
}

function PeopleTable({
  people,
  empty,
  caption,
  extra,
  onCancel,
  onMove,
  onErase,
}: {
  people: Registration[];
  empty: string;
  caption: string;
  extra: (r: Registration) => React.ReactNode;
  onCancel?: (r: Registration) => void;
  onMove?: (r: Registration) => void;
  onErase?: (r: Registration) => void;
}) {
  if (people.length === 0) return <EmptyState title={empty} />;
  const actions = onCancel || onErase;
  return (
    <DataTable
      caption={caption}
      headers={[
        'Nom',
        'Profession',
        'E-mail',
        'Statut',
        ...(actions ? [<VisuallyHidden key="actions">Actions</VisuallyHidden>] : []),
      ]}
      rowKeys={people.map((r) => r.id)}
      rows={people.map((r) => [
        erased(r) ? <Text c="dimmed">Données effacées</Text> : `${r.firstName} ${r.lastName}`,
        PROFESSION_LABELS[r.profession] ?? r.profession,
        erased(r) ? '—' : r.email,
        extra(r),
        ...(actions
          ? [
              <Group key="actions" gap={4} wrap="nowrap">
                {onMove && r.status !== 'attended' && r.status !== 'no_show' && (
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => onMove(r)}
                    aria-label={`Déplacer ${r.firstName} ${r.lastName} vers une autre date`}
                  >
                    Déplacer
                  </Button>
                )}
                {onCancel && (
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.9"
                    onClick={() => onCancel(r)}
                    aria-label={`Annuler l’inscription de ${r.firstName} ${r.lastName}`}
                  >
                    Annuler
                  </Button>
                )}
                {onErase && !erased(r) && (
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.9"
                    onClick={() => onErase(r)}
                    aria-label={`Effacer les données de ${r.firstName} ${r.lastName}`}
                  >
                    Effacer les données
                  </Button>
                )}
              </Group>,
            ]
          : []),
      ])}
    />
  );
}

/** A participant who had their data erased keeps their place in the counts, and nothing else. */
function erased(r: Registration): boolean {
  return (r.email ?? '').startsWith('erased:');
}
