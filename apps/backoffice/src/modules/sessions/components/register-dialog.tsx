import { Alert, Checkbox, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormDialog } from '../../common/components/form-dialog';
import { useFieldErrors, type FieldErrors } from '../../common/hooks/use-field-errors';
import { useFormFields } from '../../common/hooks/use-form-fields';
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

function problemsOf(form: Form): FieldErrors {
  const problems: FieldErrors = {};
  if (!/^\S+@\S+\.\S+$/.test(form.email))
    problems.email = 'Adresse e-mail complète, par exemple prenom.nom@exemple.fr';
  if (!form.firstName.trim()) problems.firstName = 'Le prénom est requis';
  if (!form.lastName.trim()) problems.lastName = 'Le nom est requis';
  if (!/^\d{5}$/.test(form.postcode)) problems.postcode = 'Code postal à 5 chiffres';
  if (!form.consent)
    problems.consent = 'La personne doit accepter le traitement de ses données pour être inscrite';
  return problems;
}

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
  const { errors, onSubmit, fromServer } = useFieldErrors();
  const { form, bind, reset } = useFormFields(EMPTY, errors);
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
      reset();
      onClose();
    },
    onError: fromServer,
  });

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title="Inscrire quelqu’un"
      size="lg"
      onSubmit={onSubmit(
        () => problemsOf(form),
        () => register.mutate(),
      )}
      mutation={register}
      submitLabel={full ? 'Inscrire en liste d’attente' : 'Inscrire'}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Prénom" required {...bind.text('firstName')} />
        <TextInput label="Nom" required {...bind.text('lastName')} />
        <TextInput label="Adresse e-mail" type="email" required {...bind.text('email')} />
        <TextInput label="Code postal d’exercice" required {...bind.text('postcode')} inputMode="numeric" />
        <Select
          label="Profession"
          required
          data={Object.entries(PROFESSION_LABELS).map(([value, label]) => ({ value, label }))}
          {...bind.select('profession')}
          allowDeselect={false}
        />
        <Select
          label="Mode d’exercice"
          required
          data={Object.entries(PRACTICE_MODE_LABELS).map(([value, label]) => ({ value, label }))}
          {...bind.select('practiceMode')}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Checkbox
        label="La personne accepte que ses données servent à gérer son inscription (dites-le lui au téléphone)"
        {...bind.checkbox('consent')}
      />
      <Alert color="blue" title="Ce que la personne recevra">
        <Text size="sm">
          {full
            ? 'La séance est complète : la personne sera inscrite sur la liste d’attente et recevra un e-mail lui donnant sa position, puis une proposition si une place se libère.'
            : 'Un e-mail de confirmation avec l’invitation pour son agenda, puis des rappels avant la séance et un lien pour annuler.'}
        </Text>
      </Alert>
    </FormDialog>
  );
}
