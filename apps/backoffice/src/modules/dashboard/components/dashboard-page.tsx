import { Alert, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageTitle } from '../../common/components/page-title';
import { EmptyState, ErrorState, LoadingState } from '../../common/components/states';
import { formatDateTime, formatShortDay, formatTime } from '../../common/utils/format';
import { FillBar } from '../../sessions/components/fill-bar';
import { listSessions, sessionKeys } from '../../sessions/api/sessions';
import { comingWindow } from '../../sessions/domain/periods';
import { failedDeliveries, seatOverview } from '../api/dashboard';
import { isAtRisk } from '../domain/at-risk';

const WEEKS = 4;

/** What needs the coordinator this month: fill, waitlists, offers, sessions at risk, failed mails. */
export function DashboardPage() {
  const now = new Date();
  const { from, to } = comingWindow(now, WEEKS * 7);
  const sessions = useQuery({ queryKey: sessionKeys.list(from, to), queryFn: () => listSessions(from, to) });
  const seats = useQuery({
    queryKey: ['dashboard', 'seats', from, to],
    queryFn: () => seatOverview(now, new Date(now.getTime() + WEEKS * 7 * 86_400_000)),
  });
  const failed = useQuery({ queryKey: ['dashboard', 'failed-deliveries'], queryFn: failedDeliveries });

  if (sessions.isPending) return <LoadingState label="Chargement du tableau de bord…" />;
  if (sessions.error || !sessions.data)
    return <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />;

  const bySession = new Map((seats.data ?? []).map((s) => [s.sessionId, s]));
  const coming = sessions.data.filter(
    (s) => s.status !== 'cancelled' && Date.parse(s.endsAt) > now.getTime(),
  );
  const atRisk = coming.filter((s) => isAtRisk(s, now));
  const waiting = (seats.data ?? []).reduce((sum, s) => sum + s.waitlisted, 0);
  const offers = (seats.data ?? []).reduce((sum, s) => sum + s.offered, 0);
  const failures = failed.data?.items ?? [];

  return (
    <Stack gap="lg">
      <PageTitle title="Tableau de bord">Tableau de bord</PageTitle>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure label={`Séances dans les ${WEEKS} semaines`} value={coming.length} />
        <Figure label="Personnes en liste d’attente" value={seats.data ? waiting : '…'} />
        <Figure label="Places proposées en attente de réponse" value={seats.data ? offers : '…'} />
        <Figure
          label="Messages non distribués"
          value={failed.data ? failures.length : '…'}
          tone={failures.length > 0 ? 'red.9' : undefined}
        />
      </SimpleGrid>

      <Card withBorder>
        <Title order={2} size="h3" mb="sm">
          Séances à risque
        </Title>
        {atRisk.length === 0 ? (
          <Text size="sm">Aucune séance de la semaine à venir n’est remplie à moins de la moitié.</Text>
        ) : (
          <Stack gap="xs">
            <Text size="sm">
              Moins de la moitié des places prises, à moins d’une semaine : relayez-les auprès du réseau, ou
              regroupez des dates.
            </Text>
            {atRisk.map((s) => (
              <Group key={s.id} justify="space-between">
                <Link to={`/seances/${s.id}`}>
                  {s.activity.title} — {formatShortDay(s.startsAt, s.timezone)}{' '}
                  {formatTime(s.startsAt, s.timezone)}
                </Link>
                <FillBar
                  taken={s.seatsTaken}
                  capacity={s.capacity}
                  label={`Remplissage de ${s.activity.title}`}
                />
              </Group>
            ))}
          </Stack>
        )}
      </Card>

      <Card withBorder>
        <Title order={2} size="h3" mb="sm">
          Prochaines séances
        </Title>
        {seats.error && <ErrorState error={seats.error} onRetry={() => void seats.refetch()} />}
        {coming.length === 0 ? (
          <EmptyState title="Aucune séance dans les semaines à venir">
            Créez une série dans <Link to="/seances/nouvelle-serie">Séances</Link> puis publiez-la pour ouvrir
            les inscriptions.
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Atelier</Table.Th>
                  <Table.Th scope="col">Remplissage</Table.Th>
                  <Table.Th scope="col">Liste d’attente</Table.Th>
                  <Table.Th scope="col">Propositions en cours</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {coming.map((s) => {
                  const seat = bySession.get(s.id);
                  return (
                    <Table.Tr key={s.id}>
                      <Table.Td>
                        {formatShortDay(s.startsAt, s.timezone)} {formatTime(s.startsAt, s.timezone)}
                      </Table.Td>
                      <Table.Td>
                        <Link to={`/seances/${s.id}`}>{s.activity.title}</Link>{' '}
                        {s.status === 'draft' && (
                          <Badge size="xs" color="gray.8" variant="outline">
                            Brouillon
                          </Badge>
                        )}
                        {isAtRisk(s, now) && (
                          <Badge size="xs" color="red.9" variant="outline">
                            À risque
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <FillBar
                          taken={s.seatsTaken}
                          capacity={s.capacity}
                          label={`Remplissage de ${s.activity.title}`}
                        />
                      </Table.Td>
                      <Table.Td>{seat ? seat.waitlisted : '—'}</Table.Td>
                      <Table.Td>
                        {seat
                          ? seat.offered > 0
                            ? `${seat.offered} (expire ${formatDateTime(seat.nextOfferExpiresAt!, s.timezone)})`
                            : 0
                          : '—'}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <Card withBorder>
        <Title order={2} size="h3" mb="sm">
          Messages non distribués
        </Title>
        {failed.error ? (
          <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
        ) : failures.length === 0 ? (
          <Text size="sm">Tous les messages sont partis.</Text>
        ) : (
          <Stack gap="xs">
            <Alert color="red" variant="light">
              Ces personnes n’ont pas reçu leur message. Vérifiez l’adresse avec elles par téléphone ; la
              cause est indiquée.
            </Alert>
            {failures.map((d) => (
              <Text key={d.id} size="sm">
                {formatDateTime(d.createdAt)} — {d.recipient} — {d.template} : {d.error ?? 'refusé'}
              </Text>
            ))}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}

function Figure({ label, value, tone }: { label: string; value: number | string; tone?: string }) {
  return (
    <Card withBorder padding="md" role="group" aria-label={label}>
      <Text size="xl" fw={700} c={tone}>
        {value}
      </Text>
      <Text size="sm">{label}</Text>
    </Card>
  );
}
