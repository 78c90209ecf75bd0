import { Button, Checkbox, Group, List, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormSubmit } from '../../common/components/form-submit';
import { useFieldErrors, type FieldErrors } from '../../common/hooks/use-field-errors';
import { formatDateTime } from '../../common/utils/format';
import {
  listMessages,
  messageKeys,
  previewMessage,
  sendMessage,
  type MessageDraft,
  type MessagePreview,
} from '../api/session-messages';
import { SectionCard } from '../../common/components/section-card';
import { MutationError } from '../../common/components/states';

type Audience = MessageDraft['audience'][number];
const EMPTY = { subject: '', text: '', audience: ['confirmed'] as Audience[] };

/**
 * « Écrire aux participant·es »: a message to the session's confirmed and/or waitlisted people,
 * previewed (the mail as one of them reads it, and how many get it) before it is sent — one
 * mail each, nobody sees the others.
 */
export function SessionMessageCard({ sessionId, timezone }: { sessionId: string; timezone: string }) {
  const [draft, setDraft] = useState(EMPTY);
  const { errors, onSubmit, fromServer } = useFieldErrors();
  const [preview, setPreview] = useState<(MessagePreview & { key: string }) | null>(null);
  const queryClient = useQueryClient();
  const sent = useQuery({ queryKey: messageKeys.list(sessionId), queryFn: () => listMessages(sessionId) });

  const showPreview = useMutation({
    mutationFn: () => previewMessage(sessionId, draft),
    // The key is chosen with the preview: confirming twice, or again after a lost answer, sends once.
    onSuccess: (answer) => setPreview({ ...answer, key: crypto.randomUUID() }),
    onError: fromServer,
  });
  const send = useMutation({
    mutationFn: () => sendMessage(sessionId, draft, preview!.key),
    onSuccess: (answer) => {
      notifications.show({
        color: 'green',
        message: `Message envoyé à ${answer.recipients} personne${answer.recipients > 1 ? 's' : ''}.`,
      });
      setDraft(EMPTY);
      setPreview(null);
      void queryClient.invalidateQueries({ queryKey: messageKeys.list(sessionId) });
    },
  });

  const edit = (change: Partial<typeof EMPTY>) => {
    setDraft((current) => ({ ...current, ...change }));
    setPreview(null);
  };

  function problems(): FieldErrors {
    const problems: FieldErrors = {};
    if (!draft.subject.trim()) problems.subject = 'Indiquez l’objet du message';
    if (!draft.text.trim()) problems.text = 'Écrivez le message';
    if (draft.audience.length === 0) problems.audience = 'Choisissez au moins un groupe de destinataires';
    return problems;
  }

  return (
    <SectionCard title="Écrire aux participant·es">
      <form
        onSubmit={onSubmit(problems, () => showPreview.mutate())}
        noValidate
        aria-label="Écrire aux participant·es"
      >
        <Stack>
          <Checkbox.Group
            label="Destinataires"
            value={draft.audience}
            onChange={(value) => edit({ audience: value as Audience[] })}
            error={errors.audience}
          >
            <Group mt={4}>
              <Checkbox value="confirmed" label="Les inscrits" />
              <Checkbox value="waitlisted" label="La liste d’attente" />
            </Group>
          </Checkbox.Group>
          <TextInput
            label="Objet"
            required
            value={draft.subject}
            onChange={(e) => edit({ subject: e.currentTarget.value })}
            error={errors.subject}
            maxLength={150}
          />
          <Textarea
            label="Message"
            description="Chaque personne reçoit son propre e-mail, avec son prénom et la séance ; personne ne voit les autres destinataires."
            required
            autosize
            minRows={4}
            value={draft.text}
            onChange={(e) => edit({ text: e.currentTarget.value })}
            error={errors.text}
          />
          <FormSubmit mutation={showPreview} variant="default">
            Prévisualiser
          </FormSubmit>
        </Stack>
      </form>
      {preview && (
        <Stack mt="md" role="region" aria-label="Aperçu du message">
          <Text fw={600}>
            {preview.recipients === 0
              ? 'Personne ne recevrait ce message.'
              : `${preview.recipients} personne${preview.recipients > 1 ? 's recevront' : ' recevra'} ce message, chacune séparément.`}
          </Text>
          <Text size="sm">Objet : {preview.subject}</Text>
          <iframe
            title="Aperçu de l’e-mail"
            srcDoc={preview.html}
            sandbox=""
            style={{ width: '100%', minHeight: 320, border: '1px solid #ccc' }}
          />
          <MutationError mutation={send} />
          <Group>
            <Button
              onClick={() => send.mutate()}
              loading={send.isPending}
              disabled={preview.recipients === 0}
            >
              Envoyer à {preview.recipients} personne{preview.recipients > 1 ? 's' : ''}
            </Button>
            <Button variant="default" onClick={() => setPreview(null)}>
              Modifier
            </Button>
          </Group>
        </Stack>
      )}
      {sent.data && sent.data.length > 0 && (
        <Stack mt="md" gap={4}>
          <Text fw={600}>Messages envoyés</Text>
          <List size="sm">
            {sent.data.map((m) => (
              <List.Item key={m.id}>
                {formatDateTime(m.createdAt, timezone)} — « {m.subject} » — {m.recipients} destinataire
                {m.recipients > 1 ? 's' : ''}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
    </SectionCard>
  );
}
