import { BarChart } from '@mantine/charts';
import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ApiError } from '../../../api/api-error';
import { PageTitle } from '../../common/components/page-title';
import { MutationError, QueryView } from '../../common/components/states';
import { formatLocalDate } from '../../common/utils/format';
import { showCount } from '../../reports/domain/figures';
import {
  downloadResultsCsv,
  surveyKeys,
  surveyResults,
  waveComparison,
  type WaveComparison,
} from '../api/surveys';
import { showChange, showMean, WAVE_LABELS } from '../domain/survey-figures';
import { QuestionCard } from './question-card';
import { SmallCountsNotice } from '../../reports/components/small-counts-notice';

/** One survey's results: a chart and the figures behind it per question, breakdowns, quotes, CSV. */
export function SurveyResultsPage() {
  const { surveyId = '' } = useParams();
  const results = useQuery({
    queryKey: surveyKeys.results(surveyId),
    queryFn: () => surveyResults(surveyId),
  });
  const exportCsv = useMutation({ mutationFn: () => downloadResultsCsv(surveyId) });
  return (
    <Stack gap="lg">
      <QueryView query={results} loading="Calcul des résultats…">
        {(answer) => (
          <>
            <PageTitle title={`Résultats : ${answer.survey.title}`}>
              Résultats : {answer.survey.title}
            </PageTitle>
            <Group>
              <Text size="sm">
                {answer.survey.wave ? `${WAVE_LABELS[answer.survey.wave]} le programme · ` : ''}du{' '}
                {formatLocalDate(answer.survey.opensOn)} au {formatLocalDate(answer.survey.closesOn)} ·{' '}
                {showCount(answer.results.respondents)} réponses
              </Text>
              <Button variant="default" onClick={() => exportCsv.mutate()} loading={exportCsv.isPending}>
                Exporter en CSV
              </Button>
            </Group>
            <MutationError mutation={exportCsv} />
            <SmallCountsNotice>
              Les effectifs de 1 à 4 réponses sont affichés « &lt;5 », avec d’autres cases s’il le faut pour
              qu’aucun total ne les révèle ; ils ne figurent pas dans les graphiques. Les réponses libres ne
              sont citées qu’avec l’accord de leur auteur.
            </SmallCountsNotice>
            {answer.survey.programmeId && <Comparison programmeId={answer.survey.programmeId} />}
            {answer.results.questions.map((question) => (
              <QuestionCard key={question.id} question={question} />
            ))}
          </>
        )}
      </QueryView>
    </Stack>
  );
}

/** The programme's "before" and "after" waves side by side, when both exist. */
function Comparison({ programmeId }: { programmeId: string }) {
  const comparison = useQuery({
    queryKey: surveyKeys.comparison(programmeId),
    queryFn: () => waveComparison(programmeId),
    retry: false,
  });
  if (comparison.error instanceof ApiError && comparison.error.status === 404) return null;
  if (!comparison.data) return null;
  return <ComparisonCard comparison={comparison.data} />;
}

function ComparisonCard({ comparison }: { comparison: WaveComparison }) {
  const bars = comparison.questions.map((q) => ({
    question: q.label,
    avant: q.before.mean,
    après: q.after.mean,
  }));
  return (
    <Card withBorder component="section" aria-labelledby="avant-apres">
      <Title order={2} size="h4" mb="sm" id="avant-apres">
        Avant et après le programme
      </Title>
      <BarChart
        h={260}
        data={bars}
        dataKey="question"
        series={[
          { name: 'avant', color: 'gray.6' },
          { name: 'après', color: 'respire.8' },
        ]}
      />
      <Table fz="sm" mt="md">
        <Table.Caption>
          Moyennes et parts d’accord ({showCount(comparison.before.respondents)} réponses avant,{' '}
          {showCount(comparison.after.respondents)} après)
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Question</Table.Th>
            <Table.Th scope="col">Moyenne avant</Table.Th>
            <Table.Th scope="col">Moyenne après</Table.Th>
            <Table.Th scope="col">Évolution</Table.Th>
            <Table.Th scope="col">D’accord : évolution</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {comparison.questions.map((q) => (
            <Table.Tr key={q.id}>
              <Table.Td>{q.label}</Table.Td>
              <Table.Td>{showMean(q.before.mean)}</Table.Td>
              <Table.Td>{showMean(q.after.mean)}</Table.Td>
              <Table.Td>{showChange(q.meanChange)}</Table.Td>
              <Table.Td>{showChange(q.agreeingChange, 'points')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
