import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageTitle } from '../../common/components/page-title';
import { EmptyState, QueryView } from '../../common/components/states';
import { formatDay, formatTime } from '../../common/utils/format';
import { listSessions, sessionKeys } from '../../sessions/api/sessions';
import { comingWindow } from '../../sessions/domain/periods';

/** A facilitator's coming sessions (the catalog answers only the ones they lead). */
export function MySessionsPage() {
  const { from, to } = comingWindow(new Date(), 60, 1);
  const sessions = useQuery({ queryKey: sessionKeys.list(from, to), queryFn: () => listSessions(from, to) });
  return (
    <>
      <PageTitle title="Mes séances">Mes séances</PageTitle>
      <QueryView query={sessions} loading="Chargement de vos séances…">
        {(list) => {
          const coming = list.filter((s) => s.status === 'published' || s.status === 'completed');
          if (coming.length === 0) {
            return (
              <EmptyState title="Aucune séance à venir">
                Quand la coordination vous confiera une séance publiée, elle apparaîtra ici avec la liste des
                participants.
              </EmptyState>
            );
          }
          return (
            <Stack component="ul" gap="sm" p={0} style={{ listStyle: 'none' }}>
              {coming.map((session) => (
                <li key={session.id}>
                  <Card withBorder component={Link} to={`/mes-seances/${session.id}`} padding="md">
                    <Group justify="space-between" wrap="nowrap">
                      <div>
                        <Text fw={600}>{session.activity.title}</Text>
                        <Text size="sm">
                          {formatDay(session.startsAt, session.timezone)},{' '}
                          {formatTime(session.startsAt, session.timezone)}–
                          {formatTime(session.endsAt, session.timezone)}
                        </Text>
                        <Text size="sm" c="dimmed">
                          {session.venue.name}
                        </Text>
                      </div>
                      <Badge
                        variant="light"
                        aria-label={`${session.seatsTaken} inscrits sur ${session.capacity} places`}
                      >
                        {session.seatsTaken}/{session.capacity}
                      </Badge>
                    </Group>
                  </Card>
                </li>
              ))}
            </Stack>
          );
        }}
      </QueryView>
    </>
  );
}
