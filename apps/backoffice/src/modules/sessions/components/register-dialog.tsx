import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError, fieldErrorsOf } from '../../../api/api-error';
import { PRACTICE_MODE_LABELS, PROFESSION_LABELS } from '../../common/utils/format';
import { registerByHand, sessionKeys, type RegisterBody, type Session } from '../api/sessions';

type Form = Omit<RegisterBody, 'consents' | 'rpps'> & { consent: boolean };
const EMPTY: Form = {
  email: '',
  firstName: '',
  lastName: '',
  profession: 'infirmier',
  practiceMode: 'liberal',
  postcode: '',
  consent: false,
};

/** Someone called: the coordinator registers them, and sees what the person will receive. */
export function RegisterDialog({
  session,
  opened,
  onClose,
}: {
  session: Session;
  opened: boolean;
  onClose: () => void;
}) {
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const queryClient = useQueryClient();
  const full = session.placesLeft <= 0;
  const register = useMutation({
    mutationFn: () => {
      const { consent: _consent, ...fields } = form;
      return registerByHand(session.id, { ...fields, consents: { dataProcessing: true } });
    },
    onSuccess: (answer) => {
      notifications.show({
        color: 'green',
        message:
          answer.status === 'confirmed'
            ? `${form.firstName} ${form.lastName} est inscrit·e ; la confirmation part par e-mail.`
            : `${form.firstName} ${form.lastName} est en liste d’attente (position ${answer.waitlistPosition}).`,
      });
      void queryClient.invalidateQueries({ queryKey: sessionKeys.one(session.id) });
      void queryClient.invalidateQueries({ queryKey: sessionKeys.registrations(session.id) });
      setForm(EMPTY);
      onClose();
    },
    onError: (error) => {
      const fields = fieldErrorsOf(error);
      if (fields) setErrors(fields);
    },
  });

  const set = (key: keyof Form) => (value: string | boolean | null) =>
    setForm((current) => ({ ...current, [key]: value ?? '' }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!/^\S+@\S+\.\S+$/.test(form.email))
      problems.email = 'Adresse e-mail complète, par exemple prenom.nom@exemple.fr';
    if (!form.firstName.trim()) problems.firstName = 'Le prénom est requis';
    if (!form.lastName.trim()) problems.lastName = 'Le nom est requis';
    if (!/^\d{5}$/.test(form.postcode)) problems.postcode = 'Code postal à 5 chiffres';
    if (!form.consent)
      problems.consent = 'La personne doit accepter le traitement de ses données pour être inscrite';
    setErrors(problems);
    if (Object.keys(problems).length === 0) register.mutate();
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Inscrire quelqu’un" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Prénom"
              required
              value={form.firstName}
              onChange={(e) => set('firstName')(e.currentTarget.value)}
              error={errors.firstName}
            />
            <TextInput
              label="Nom"
              required
              value={form.lastName}
              onChange={(e) => set('lastName')(e.currentTarget.value)}
              error={errors.lastName}
            />
            <TextInput
              label="Adresse e-mail"
              type="email"
              required
              value={form.email}
              onChange={(e) => set('email')(e.currentTarget.value)}
              error={errors.email}
            />
            <TextInput
              label="Code postal d’exercice"
              required
              value={form.postcode}
              onChange={(e) => set('postcode')(e.currentTarget.value)}
              error={errors.postcode}
              inputMode="numeric"
            />
            <Select
              label="Profession"
              required
              data={Object.entries(PROFESSION_LABELS).map(([value, label]) => ({ value, label }))}
              value={form.profession}
              onChange={(value) => set('profession')(value)}
              allowDeselect={false}
            />
            <Select
              label="Mode d’exercice"
              required
              data={Object.entries(PRACTICE_MODE_LABELS).map(([value, label]) => ({ value, label }))}
              value={form.practiceMode}
              onChange={(value) => set('practiceMode')(value)}
              allowDeselect={false}
            />
          </SimpleGrid>
          <Checkbox
            label="La personne accepte que ses données servent à gérer son inscription (dites-le lui au téléphone)"
            checked={form.consent}
            onChange={(e) => set('consent')(e.currentTarget.checked)}
            error={errors.consent}
          />
          <Alert color="blue" title="Ce que la personne recevra">
            <Text size="sm">
              {full
                ? 'La séance est complète : la personne sera inscrite sur la liste d’attente et recevra un e-mail lui donnant sa position, puis une proposition si une place se libère.'
                : 'Un e-mail de confirmation avec l’invitation pour son agenda, puis des rappels avant la séance et un lien pour annuler.'}
            </Text>
          </Alert>
          {register.isError && !fieldErrorsOf(register.error) && (
            <Alert color="red" role="alert">
              {describeError(register.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Fermer
            </Button>
            <Button type="submit" loading={register.isPending}>
              {full ? 'Inscrire en liste d’attente' : 'Inscrire'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
