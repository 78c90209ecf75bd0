import { BarChart, DonutChart } from '@mantine/charts';
import {
  Alert,
  Blockquote,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../../api/api-error';
import { catalogueKeys, listProgrammes } from '../../catalogue/api/catalogue';
import { PageTitle } from '../../common/components/page-title';
import { DataTable } from '../../common/components/data-table';
import { EmptyState, QueryView } from '../../common/components/states';
import { PROFESSION_LABELS } from '../../common/utils/format';
import { downloadCsv, funderSummary, type FunderSummary, type ReportScope } from '../api/reports';
import { chartable, showCount, showRate } from '../domain/figures';
import { SmallCountsNotice } from './small-counts-notice';
import { REGISTERED_ATTENDED } from './registered-attended';
import { ChartWithTable } from '../../common/components/chart-with-table';
import { SectionCard } from '../../common/components/section-card';

/** The funder summary for a programme and a period: charts, the figures behind them, the CSV. */
export function ReportsPage() {
  const programmes = useQuery({ queryKey: catalogueKeys.programmes, queryFn: listProgrammes });
  const [scope, setScope] = useState<ReportScope>({ programmeId: null, from: null, to: null });
  const summary = useQuery({ queryKey: ['reports', 'summary', scope], queryFn: () => funderSummary(scope) });
  const exportCsv = useMutation({ mutationFn: () => downloadCsv(scope) });

  return (
    <Stack gap="lg">
      <PageTitle title="Rapports">Rapports</PageTitle>
      <Card withBorder>
        <Group align="end" wrap="wrap">
          <Select
            label="Programme"
            placeholder="Tous les programmes"
            clearable
            data={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
            value={scope.programmeId}
            onChange={(programmeId) => setScope((s) => ({ ...s, programmeId }))}
            w={280}
          />
          <DateInput
            label="Du"
            value={scope.from}
            onChange={(from) => setScope((s) => ({ ...s, from }))}
            valueFormat="DD/MM/YYYY"
            clearable
            w={160}
          />
          <DateInput
            label="Au"
            value={scope.to}
            onChange={(to) => setScope((s) => ({ ...s, to }))}
            valueFormat="DD/MM/YYYY"
            clearable
            w={160}
          />
          <Button variant="default" onClick={() => exportCsv.mutate()} loading={exportCsv.isPending}>
            Exporter en CSV
          </Button>
        </Group>
        {exportCsv.isError && (
          <Alert color="red" mt="sm" role="alert">
            {describeError(exportCsv.error)}
          </Alert>
        )}
      </Card>
      <QueryView query={summary} loading="Calcul du rapport…">
        {(report) => <Report report={report} />}
      </QueryView>
    </Stack>
  );
}

function Report({ report }: { report: FunderSummary }) {
  const t = report.totals;
  if (t.sessions === 0) {
    return (
      <EmptyState title="Aucune séance sur cette période">
        Choisissez une autre période ou un autre programme.
      </EmptyState>
    );
  }
  const activities = report.activities.map((a) => ({
    activité: a.label,
    inscrits: chartable(a.figures.confirmed),
    présents: chartable(a.figures.attended),
  }));
  const professions = report.participants.byProfession
    .filter((p) => typeof p.participants === 'number' && p.participants > 0)
    .map((p, index) => ({
      name: PROFESSION_LABELS[p.value] ?? p.value,
      value: p.participants as number,
      color: PALETTE[index % PALETTE.length],
    }));
  const unmet = report.unmetDemand.activities.map((a) => ({
    activité: a.activityTitle,
    'sans place': chartable(a.unservedAtStart),
  }));
  const ratings = ['1', '2', '3', '4', '5'].map((rating) => ({
    note: `${rating}/5`,
    réponses: chartable(report.satisfaction.total.distribution[rating] ?? 0),
  }));

  return (
    <Stack gap="lg">
      <SmallCountsNotice>
        Les effectifs de 1 à 4 personnes sont affichés « &lt;5 » pour que personne ne puisse être reconnu ;
        ils ne figurent pas dans les graphiques.
      </SmallCountsNotice>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure label="Séances tenues" value={String(t.sessionsHeld)} />
        <Figure label="Inscrits" value={showCount(t.confirmed)} />
        <Figure label="Présents" value={showCount(t.attended)} />
        <Figure label="Taux de remplissage" value={showRate(t.fillRate)} />
        <Figure label="Taux de présence" value={showRate(t.attendanceRate)} />
        <Figure label="Absents" value={showCount(t.noShows)} />
        <Figure label="Restés en liste d’attente" value={showCount(t.unservedAtStart)} />
        <Figure
          label="Participants différents"
          value={t.uniqueParticipants === undefined ? '—' : showCount(t.uniqueParticipants)}
        />
      </SimpleGrid>

      <SectionCard title="Inscrits et présents par atelier">
        <ChartWithTable
          h={260}
          data={activities}
          dataKey="activité"
          series={REGISTERED_ATTENDED}
          caption="Inscrits et présents par atelier"
          headers={['Atelier', 'Inscrits', 'Présents', 'Remplissage']}
          rows={report.activities.map((a) => [
            a.label,
            showCount(a.figures.confirmed),
            showCount(a.figures.attended),
            showRate(a.figures.fillRate),
          ])}
        />
      </SectionCard>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <SectionCard title="Professions des participants">
          {professions.length > 0 ? (
            <DonutChart data={professions} withLabelsLine={false} size={180} />
          ) : (
            <Text size="sm">Trop peu de participants pour un graphique.</Text>
          )}
          <DataTable
            mt="md"
            fz="sm"
            caption="Participants par profession"
            headers={['Profession', 'Participants']}
            rows={report.participants.byProfession.map((p) => [
              PROFESSION_LABELS[p.value] ?? p.value,
              showCount(p.participants),
            ])}
          />
        </SectionCard>
        <SectionCard title="Demande non satisfaite">
          <ChartWithTable
            h={220}
            data={unmet}
            dataKey="activité"
            series={[{ name: 'sans place', color: 'orange.8' }]}
            caption="Personnes restées sans place au début des séances"
            headers={['Atelier', 'Sans place', 'Séances à ajouter']}
            rows={report.unmetDemand.activities.map((a) => [
              a.activityTitle,
              showCount(a.unservedAtStart),
              a.extraSessionsNeeded === null ? '—' : String(a.extraSessionsNeeded),
            ])}
          />
        </SectionCard>
      </SimpleGrid>

      <SectionCard title="Satisfaction">
        <Text size="sm">
          {showCount(report.satisfaction.total.responses)} réponses, note moyenne{' '}
          {report.satisfaction.total.mean === null
            ? '—'
            : report.satisfaction.total.mean.toFixed(1).replace('.', ',')}
          /5
        </Text>
        <BarChart h={200} data={ratings} dataKey="note" series={[{ name: 'réponses', color: 'respire.8' }]} />
        {report.satisfaction.testimonials.length > 0 && (
          <Stack gap="xs" mt="md">
            <Title order={3} size="h5">
              Témoignages (avec l’accord de leurs auteurs)
            </Title>
            {report.satisfaction.testimonials.map((q, index) => (
              <Blockquote key={index} p="sm" cite={`— ${q.activityTitle}`}>
                {q.quote}
              </Blockquote>
            ))}
            {report.satisfaction.testimonialsNotShown > 0 && (
              <Text size="sm" c="dimmed">
                Les plus récents sont affichés ; {report.satisfaction.testimonialsNotShown} plus anciens sont
                à lire sur une période plus courte.
              </Text>
            )}
          </Stack>
        )}
      </SectionCard>
    </Stack>
  );
}

const PALETTE = [
  'respire.8',
  'blue.8',
  'orange.8',
  'grape.8',
  'teal.8',
  'red.8',
  'indigo.8',
  'cyan.8',
  'lime.9',
  'gray.7',
];

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="md" role="group" aria-label={label}>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      <Text size="sm">{label}</Text>
    </Card>
  );
}
