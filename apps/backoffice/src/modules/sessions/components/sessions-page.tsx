import { Badge, Button, Group, Select, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageTitle } from '../../common/components/page-title';
import { EmptyState } from '../../common/components/states';
import { QueryTable } from '../../common/components/query-table';
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
      <QueryTable
        query={sessions}
        loading="Chargement des séances…"
        empty={
          <EmptyState title="Aucune séance ce mois-ci">
            Choisissez un autre mois, ou créez une série de séances à partir d’une activité du catalogue.
          </EmptyState>
        }
        minWidth={640}
        striped
        highlightOnHover
        headers={['Date', 'Atelier', 'Lieu', 'Statut', 'Remplissage']}
        row={(session) => [
          `${formatShortDay(session.startsAt, session.timezone)} ${formatTime(session.startsAt, session.timezone)}`,
          <Link key="activity" to={`/seances/${session.id}`}>
            {session.activity.title}
          </Link>,
          <Text key="venue" size="sm">
            {session.venue.name}
          </Text>,
          <Badge
            key="status"
            variant="outline"
            color={
              session.status === 'cancelled' ? 'red.9' : session.status === 'draft' ? 'gray.8' : 'respire.9'
            }
          >
            {SESSION_STATUS_LABELS[session.status]}
          </Badge>,
          <FillBar
            key="fill"
            taken={session.seatsTaken}
            capacity={session.capacity}
            label={`Remplissage de ${session.activity.title}`}
          />,
        ]}
      />
    </>
  );
}
