import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { describeError } from '../../../api/api-error';
import { PageTitle } from '../../common/components/page-title';
import { QueryView } from '../../common/components/states';
import {
  getTemplate,
  previewTemplate,
  problemsOf,
  resetTemplate,
  saveTemplate,
  type Draft,
  type TemplateDetail,
  type TemplateProblem,
} from '../api/templates';

/** Edit a message with its rendering beside it; a mistake shows under the field it is in. */
export function TemplateEditorPage() {
  const { key = '' } = useParams();
  const template = useQuery({ queryKey: ['templates', key], queryFn: () => getTemplate(key) });
  return (
    <QueryView query={template}>
      {(detail) => <Editor key={detail.updatedAt ?? 'default'} template={detail} />}
    </QueryView>
  );
}

function Editor({ template }: { template: TemplateDetail }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>({
    subject: template.subject,
    html: template.html,
    text: template.text,
  });
  const [debounced] = useDebouncedValue(draft, 400);
  const preview = useQuery({
    queryKey: ['templates', template.key, 'preview', debounced],
    queryFn: () => previewTemplate(template.key, debounced),
    retry: false,
    placeholderData: (previous) => previous,
  });
  const save = useMutation({
    mutationFn: () => saveTemplate(template.key, draft),
    onSuccess: () => {
      notifications.show({
        color: 'green',
        message: 'Message enregistré : il part désormais avec ce texte.',
      });
      void queryClient.invalidateQueries({ queryKey: ['templates'] });
    },
  });
  const reset = useMutation({
    mutationFn: () => resetTemplate(template.key),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['templates'] }),
  });
  const problems = problemsOf(save.error ?? preview.error);
  const resetSave = save.reset;
  useEffect(() => resetSave(), [draft, resetSave]);
  const problemsIn = (part: TemplateProblem['part']) =>
    problems
      .filter((p) => p.part === part)
      .map((p) => `Ligne ${p.line}${p.column ? `, colonne ${p.column}` : ''} : ${p.reason}`)
      .join(' · ') || undefined;

  return (
    <Stack>
      <PageTitle title={template.description}>{template.description}</PageTitle>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack>
          <TextInput
            label="Objet"
            value={draft.subject}
            onChange={(e) => setDraft({ ...draft, subject: e.currentTarget.value })}
            error={problemsIn('subject')}
          />
          <Textarea
            label="Message (HTML)"
            autosize
            minRows={8}
            maxRows={20}
            value={draft.html}
            onChange={(e) => setDraft({ ...draft, html: e.currentTarget.value })}
            error={problemsIn('html')}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <Textarea
            label="Version texte"
            autosize
            minRows={6}
            maxRows={16}
            value={draft.text}
            onChange={(e) => setDraft({ ...draft, text: e.currentTarget.value })}
            error={problemsIn('text')}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <Card withBorder padding="sm">
            <Text size="sm" fw={600}>
              Variables disponibles
            </Text>
            <Text size="xs">
              {template.variables.map((v) => (
                <Code key={v} mr={4}>{`{{${v.replace(' (list)', '')}}}`}</Code>
              ))}
            </Text>
          </Card>
          {save.isError && problems.length === 0 && (
            <Alert color="red" role="alert">
              {describeError(save.error)}
            </Alert>
          )}
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={problems.length > 0}>
              Enregistrer
            </Button>
            {template.overridden && (
              <Button variant="default" onClick={() => reset.mutate()} loading={reset.isPending}>
                Revenir au texte par défaut
              </Button>
            )}
          </Group>
        </Stack>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Aperçu (avec des données d’exemple)
          </Title>
          <div aria-live="polite">
            {problems.length > 0 ? (
              <Alert color="red" role="alert" title="Ce message ne peut pas être envoyé tel quel">
                {problems.length} problème(s), indiqué(s) sous les champs concernés.
              </Alert>
            ) : preview.data ? (
              <Stack gap="xs">
                <Text size="sm">
                  <strong>Objet :</strong> {preview.data.subject}
                </Text>
                <iframe
                  title="Aperçu du message"
                  srcDoc={preview.data.html}
                  sandbox=""
                  style={{ width: '100%', minHeight: 480, border: '1px solid #dee2e6', borderRadius: 6 }}
                />
              </Stack>
            ) : (
              <Text size="sm">Calcul de l’aperçu…</Text>
            )}
          </div>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
