import { Alert, Card, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useAccount } from '../../auth/hooks/account-context';
import { DataTable } from '../../common/components/data-table';
import { ChartWithTable } from '../../common/components/chart-with-table';
import { REGISTERED_ATTENDED } from '../../reports/components/registered-attended';
import { PageTitle } from '../../common/components/page-title';
import { EmptyState, QueryView } from '../../common/components/states';
import { SmallCountsNotice } from '../../reports/components/small-counts-notice';
import { chartable, showCount } from '../../reports/domain/figures';
import { QuestionCard } from '../../surveys/components/question-card';
import {
  regionalSummary,
  regionalSurveyResults,
  regionKeys,
  type RegionalSummary,
  type RegionalTemplateKey,
} from '../api/region';
import { indicatorTable, professionTable } from '../domain/regional-table';

/** The survey templates a region can compare (every key the API takes, named). */
const TEMPLATES: Record<RegionalTemplateKey, string> = {
  'barometre-bien-etre': 'Baromètre du bien-être',
  'audit-stress-travail': 'Audit du stress au travail',
};

/**
 * What a funder (an ARS) sees, and all it sees: the summary of every CPTS of its region side by
 * side and combined, and the region's survey results; small counts hidden as in the CPTS's own
 * report, across the CPTS and the region together.
 */
export function RegionPage() {
  const account = useAccount();
  const summary = useQuery({ queryKey: regionKeys.summary, queryFn: regionalSummary });
  return (
    <Stack gap="lg">
      <PageTitle title="Vue régionale">Vue régionale — {account.regionName ?? ''}</PageTitle>
      <SmallCountsNotice>
        Les effectifs de 1 à 4 personnes sont affichés « &lt;5 », avec d’autres cases s’il le faut pour
        qu’aucun total, d’une CPTS ou de la région, ne les révèle ; ils ne figurent pas dans les graphiques.
      </SmallCountsNotice>
      <QueryView query={summary} loading="Calcul du bilan régional…">
        {(report) => <RegionalReport report={report} />}
      </QueryView>
      <RegionalSurveys />
    </Stack>
  );
}

function RegionalReport({ report }: { report: RegionalSummary }) {
  if (report.cpts.length === 0) {
    return (
      <EmptyState title="Aucune CPTS dans votre région pour l’instant">
        Les CPTS apparaissent ici dès leur inscription sur Respire.
      </EmptyState>
    );
  }
  const indicators = indicatorTable(report.cpts, report.combined);
  const professions = professionTable(report.cpts, report.combined);
  const attended = report.cpts.map((c) => ({
    cpts: c.name,
    présents: chartable(c.figures.attended),
    inscrits: chartable(c.figures.confirmed),
  }));
  return (
    <>
      {report.withheld && (
        <Alert color="orange" role="status">
          Trop peu de participants dans la région pour publier des effectifs : tous sont masqués.
        </Alert>
      )}
      <Section title="Les CPTS côte à côte">
        <Text size="sm" mb="sm">
          {report.cpts.length} CPTS · {showCount(report.combined.figures.uniqueParticipants)} participants
          différents dans la région
        </Text>
        <ChartWithTable
          h={240}
          data={attended}
          dataKey="cpts"
          series={REGISTERED_ATTENDED}
          caption="Indicateurs par CPTS et pour la région"
          headers={indicators.headers}
          rows={indicators.rows}
        />
      </Section>
      <Section title="Professions des participants">
        <DataTable
          fz="sm"
          caption="Participants par profession, par CPTS et pour la région"
          headers={professions.headers}
          rows={professions.rows}
        />
      </Section>
    </>
  );
}

function RegionalSurveys() {
  const [template, setTemplate] = useState<RegionalTemplateKey>('barometre-bien-etre');
  const results = useQuery({
    queryKey: regionKeys.surveyResults(template),
    queryFn: () => regionalSurveyResults(template),
  });
  return (
    <Section title="Enquêtes de la région">
      <SegmentedControl
        aria-label="Modèle d’enquête"
        value={template}
        onChange={(value) => setTemplate(value as RegionalTemplateKey)}
        data={Object.entries(TEMPLATES).map(([value, label]) => ({ value, label }))}
        mb="md"
      />
      <QueryView query={results} loading="Calcul des résultats…">
        {(answer) =>
          answer.surveys === 0 ? (
            <EmptyState title="Aucune enquête de ce modèle dans la région">
              Les résultats apparaissent dès qu’une CPTS de la région publie une enquête de ce modèle.
            </EmptyState>
          ) : (
            <Stack gap="md">
              <Text size="sm">
                {answer.template.name} : {answer.surveys} enquêtes, {showCount(answer.results.respondents)}{' '}
                réponses
              </Text>
              {answer.results.questions.map((question) => (
                <QuestionCard key={question.id} question={question} />
              ))}
            </Stack>
          )
        }
      </QueryView>
    </Section>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title}>
      <Title order={2} size="h3" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}
