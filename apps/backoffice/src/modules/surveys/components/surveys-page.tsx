import {
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormSubmit } from '../../common/components/form-submit';
import { useFieldErrors, type FieldErrors } from '../../common/hooks/use-field-errors';
import { catalogueKeys, listProgrammes } from '../../catalogue/api/catalogue';
import { PageTitle } from '../../common/components/page-title';
import { EmptyState, MutationError } from '../../common/components/states';
import { QueryTable } from '../../common/components/query-table';
import { formatLocalDate } from '../../common/utils/format';
import {
  createSurvey,
  listSurveys,
  listTemplates,
  publishSurvey,
  surveyKeys,
  type SaveSurvey,
} from '../api/surveys';
import { WAVE_LABELS } from '../domain/survey-figures';

/** The CPTS's anonymous surveys: built from a template, published at their public link, results. */
export function SurveysPage() {
  const queryClient = useQueryClient();
  const surveys = useQuery({ queryKey: surveyKeys.list, queryFn: listSurveys });
  const publish = useMutation({
    mutationFn: (surveyId: string) => publishSurvey(surveyId),
    onSuccess: (answer) => {
      notifications.show({ color: 'green', message: `Enquête publiée : ${answer.url}` });
      void queryClient.invalidateQueries({ queryKey: surveyKeys.list });
    },
  });

  return (
    <Stack gap="lg">
      <PageTitle title="Enquêtes">Enquêtes</PageTitle>
      <NewSurvey onCreated={() => void queryClient.invalidateQueries({ queryKey: surveyKeys.list })} />
      <MutationError mutation={publish} />
      <QueryTable
        query={surveys}
        empty={
          <EmptyState title="Aucune enquête pour le moment">
            Créez-en une à partir d’un modèle, comme le baromètre du bien-être.
          </EmptyState>
        }
        minWidth={720}
        striped
        caption="Les enquêtes de la CPTS"
        headers={['Enquête', 'Temps', 'Ouverte', 'Statut', 'Réponses', 'Actions']}
        row={(survey) => [
          survey.title,
          survey.wave ? WAVE_LABELS[survey.wave] : '—',
          `du ${formatLocalDate(survey.opensOn)} au ${formatLocalDate(survey.closesOn)}`,
          <Badge key="status" variant="light" color={survey.status === 'published' ? 'green' : 'gray'}>
            {survey.status === 'published' ? 'Publiée' : 'Brouillon'}
          </Badge>,
          survey.responses,
          <Group key="actions" gap={4} wrap="nowrap">
            {survey.status === 'draft' && (
              <Button
                size="xs"
                onClick={() => publish.mutate(survey.surveyId)}
                loading={publish.isPending && publish.variables === survey.surveyId}
              >
                Publier<VisuallyHidden> : {survey.title}</VisuallyHidden>
              </Button>
            )}
            <Button size="xs" variant="default" component={Link} to={`/enquetes/${survey.surveyId}`}>
              Résultats<VisuallyHidden> : {survey.title}</VisuallyHidden>
            </Button>
          </Group>,
        ]}
      />
    </Stack>
  );
}

interface Draft {
  template: string | null;
  title: string;
  programmeId: string | null;
  wave: string | null;
  opensOn: string | null;
  closesOn: string | null;
}

function NewSurvey({ onCreated }: { onCreated: () => void }) {
  const templates = useQuery({ queryKey: surveyKeys.templates, queryFn: listTemplates });
  const programmes = useQuery({ queryKey: catalogueKeys.programmes, queryFn: listProgrammes });
  const [draft, setDraft] = useState<Draft>({
    template: null,
    title: '',
    programmeId: null,
    wave: null,
    opensOn: null,
    closesOn: null,
  });
  const { errors, onSubmit, fromServer } = useFieldErrors();
  const create = useMutation({
    mutationFn: () =>
      createSurvey({
        template: draft.template as SaveSurvey['template'],
        ...(draft.title.trim() ? { title: draft.title.trim() } : {}),
        programmeId: draft.programmeId,
        wave: draft.programmeId ? (draft.wave as SaveSurvey['wave']) : null,
        opensOn: draft.opensOn!,
        closesOn: draft.closesOn!,
      }),
    onSuccess: () => {
      notifications.show({
        color: 'green',
        message: 'Brouillon créé : publiez-le pour ouvrir les réponses.',
      });
      setDraft({ template: null, title: '', programmeId: null, wave: null, opensOn: null, closesOn: null });
      onCreated();
    },
    onError: fromServer,
  });
  function problems(): FieldErrors {
    const problems: FieldErrors = {};
    if (!draft.template) problems.template = 'Choisissez un modèle';
    if (!draft.opensOn) problems.opensOn = 'Choisissez le premier jour des réponses';
    if (!draft.closesOn) problems.closesOn = 'Choisissez le dernier jour des réponses';
    else if (draft.opensOn && draft.closesOn < draft.opensOn)
      problems.closesOn = 'La clôture ne peut précéder l’ouverture';
    if (draft.programmeId && !draft.wave) problems.wave = 'Un programme va avec un temps : avant ou après';
    return problems;
  }
  const chosen = (templates.data ?? []).find((t) => t.key === draft.template);
  return (
    <Card withBorder component="section" aria-labelledby="nouvelle-enquete">
      <Title order={2} size="h3" mb="sm" id="nouvelle-enquete">
        Nouvelle enquête
      </Title>
      <form onSubmit={onSubmit(problems, () => create.mutate())} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Select
              label="Modèle"
              required
              data={(templates.data ?? []).map((t) => ({ value: t.key, label: t.name }))}
              value={draft.template}
              onChange={(template) => setDraft({ ...draft, template })}
              description={chosen?.description}
              error={errors.template}
            />
            <TextInput
              label="Titre"
              description="Par défaut, celui du modèle"
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
              error={errors.title}
            />
            <Select
              label="Programme"
              description="Facultatif : pour comparer avant et après"
              clearable
              data={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
              value={draft.programmeId}
              onChange={(programmeId) => setDraft({ ...draft, programmeId })}
              error={errors.programmeId}
            />
            {draft.programmeId && (
              <Select
                label="Temps"
                required
                data={[
                  { value: 'before', label: 'Avant le programme' },
                  { value: 'after', label: 'Après le programme' },
                ]}
                value={draft.wave}
                onChange={(wave) => setDraft({ ...draft, wave })}
                error={errors.wave}
              />
            )}
            <DateInput
              label="Ouverture"
              required
              valueFormat="DD/MM/YYYY"
              value={draft.opensOn}
              onChange={(opensOn) => setDraft({ ...draft, opensOn })}
              error={errors.opensOn}
            />
            <DateInput
              label="Clôture"
              required
              valueFormat="DD/MM/YYYY"
              value={draft.closesOn}
              onChange={(closesOn) => setDraft({ ...draft, closesOn })}
              error={errors.closesOn}
            />
          </SimpleGrid>
          <FormSubmit mutation={create}>Créer le brouillon</FormSubmit>
        </Stack>
      </form>
    </Card>
  );
}
