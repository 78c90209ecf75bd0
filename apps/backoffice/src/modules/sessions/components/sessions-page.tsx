import { Badge, Button, Group, Select, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageTitle } from '../../common/components/page-title';
import { EmptyState, QueryView } from '../../common/components/states';
import { formatShortDay, formatTime, SESSION_STATUS_LABELS } from '../../common/utils/format';
import { listSessions, sessionKeys } from '../api/sessions';
import { isoDate } from '../domain/periods';
import { FillBar } from './fill-bar';

function monthOptions(now: Date) {
  return Array.from({ length: 15 }, (_, index) => {
    const first = new Date(now.getFullYear(), now.getMonth() - 2 + index, 1);
    const label = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric' }).format(first);
    return { value: isoDate(first), label: label.charAt(0).toUpperCase() + label.slice(1) };
  });
}

/** Every session of a month, with its fill, status and a link to its page. */
export function SessionsPage() {
  const options = monthOptions(new Date());
  const [month, setMonth] = useState(options[2].value);
  const start = new Date(`${month}T00:00:00`);
  const from = month;
  const to = isoDate(new Date(start.getFullYear(), start.getMonth() + 1, 0));
  const sessions = useQuery({ queryKey: sessionKeys.list(from, to), queryFn: () => listSessions(from, to) });

  return (
    <>
      <PageTitle title="Séances">Séances</PageTitle>
      <Group justify="space-between" mb="md" align="end">
        <Select
          label="Mois"
          data={options}
          value={month}
          onChange={(value) => value && setMonth(value)}
          allowDeselect={false}
          w={220}
        />
        <Button component={Link} to="/seances/nouvelle-serie">
          Créer une série de séances
        </Button>
      </Group>
      <QueryView query={sessions} loading="Chargement des séances…">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="Aucune séance ce mois-ci">
              Choisissez un autre mois, ou créez une série de séances à partir d’une activité du catalogue.
            </EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Date</Table.Th>
                    <Table.Th scope="col">Atelier</Table.Th>
                    <Table.Th scope="col">Lieu</Table.Th>
                    <Table.Th scope="col">Statut</Table.Th>
                    <Table.Th scope="col">Remplissage</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((session) => (
                    <Table.Tr key={session.id}>
                      <Table.Td>
                        {formatShortDay(session.startsAt, session.timezone)}{' '}
                        {formatTime(session.startsAt, session.timezone)}
                      </Table.Td>
                      <Table.Td>
                        <Link to={`/seances/${session.id}`}>{session.activity.title}</Link>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{session.venue.name}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          variant="outline"
                          color={
                            session.status === 'cancelled'
                              ? 'red.9'
                              : session.status === 'draft'
                                ? 'gray.8'
                                : 'respire.9'
                          }
                        >
                          {SESSION_STATUS_LABELS[session.status]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <FillBar
                          taken={session.seatsTaken}
                          capacity={session.capacity}
                          label={`Remplissage de ${session.activity.title}`}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
    </>
  );
}
