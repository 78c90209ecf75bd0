import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ApiError } from '../../../api/api-error';
import { PageTitle } from '../../common/components/page-title';
import { ChartWithTable } from '../../common/components/chart-with-table';
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
      <ChartWithTable
        h={260}
        data={bars}
        dataKey="question"
        series={[
          { name: 'avant', color: 'gray.6' },
          { name: 'après', color: 'respire.8' },
        ]}
        caption={
          <>
            Moyennes et parts d’accord ({showCount(comparison.before.respondents)} réponses avant,{' '}
            {showCount(comparison.after.respondents)} après)
          </>
        }
        headers={['Question', 'Moyenne avant', 'Moyenne après', 'Évolution', 'D’accord : évolution']}
        rows={comparison.questions.map((q) => [
          q.label,
          showMean(q.before.mean),
          showMean(q.after.mean),
          showChange(q.meanChange),
          showChange(q.agreeingChange, 'points'),
        ])}
      />
    </Card>
  );
}
