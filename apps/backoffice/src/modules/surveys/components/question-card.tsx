import { BarChart } from '@mantine/charts';
import { Blockquote, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { showCount } from '../../reports/domain/figures';
import type { SurveyResults } from '../api/surveys';
import { optionBars, showMean, showShare } from '../domain/survey-figures';

type Question = SurveyResults['results']['questions'][number];

const BREAKDOWN_LABELS: Record<string, string> = {
  profession: 'profession',
  practiceMode: 'mode d’exercice',
  cpts: 'CPTS',
};

/** One question's figures: a chart, the distribution, and each breakdown (a CPTS is one in the regional view). */
export function QuestionCard({ question }: { question: Question }) {
  const o = question.overall;
  return (
    <Card withBorder component="section" aria-label={question.label}>
      <Title order={2} size="h4" mb="sm">
        {question.label}
      </Title>
      {question.kind === 'text' ? (
        <Stack gap="xs">
          <Text size="sm">{showCount(o.answered)} réponses</Text>
          {(question.quotes ?? []).map((quote, index) => (
            <Blockquote key={index} p="sm">
              {quote}
            </Blockquote>
          ))}
          {(question.quotes ?? []).length === 0 && (
            <Text size="sm">Aucune réponse citable (l’accord de l’auteur est requis).</Text>
          )}
        </Stack>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <div>
            {o.options.length > 0 && (
              <BarChart
                h={220}
                data={optionBars(o.options)}
                dataKey="réponse"
                series={[{ name: 'réponses', color: 'respire.8' }]}
              />
            )}
            <Text size="sm" mt="xs">
              {showCount(o.answered)} réponses · moyenne {showMean(o.mean)}
              {o.agreeing ? ` · d’accord : ${showShare(o.agreeing.share)}` : ''}
            </Text>
          </div>
          <Table fz="sm">
            <Table.Caption>Répartition des réponses</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Réponse</Table.Th>
                <Table.Th scope="col">Nombre</Table.Th>
                <Table.Th scope="col">Part</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.options.map((option) => (
                <Table.Tr key={String(option.value)}>
                  <Table.Td>{option.label}</Table.Td>
                  <Table.Td>{showCount(option.count)}</Table.Td>
                  <Table.Td>{showShare(option.share)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </SimpleGrid>
      )}
      {question.kind !== 'text' &&
        question.breakdowns.map((breakdown) => (
          <Table key={breakdown.dimension} fz="sm" mt="md">
            <Table.Caption>Par {BREAKDOWN_LABELS[breakdown.dimension] ?? breakdown.dimension}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Groupe</Table.Th>
                <Table.Th scope="col">Réponses</Table.Th>
                <Table.Th scope="col">Moyenne</Table.Th>
                {o.agreeing && <Table.Th scope="col">D’accord</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {breakdown.groups.map((group) => (
                <Table.Tr key={group.value}>
                  <Table.Td>{group.label}</Table.Td>
                  <Table.Td>{showCount(group.answered)}</Table.Td>
                  <Table.Td>{showMean(group.mean)}</Table.Td>
                  {o.agreeing && <Table.Td>{showShare(group.agreeing?.share ?? null)}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ))}
    </Card>
  );
}
