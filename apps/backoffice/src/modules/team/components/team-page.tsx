import { Alert, Badge, Button, Checkbox, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../../api/api-error';
import { useAccount } from '../../auth/hooks/account-context';
import { catalogueKeys, listFacilitators } from '../../catalogue/api/catalogue';
import { useFormFields } from '../../common/hooks/use-form-fields';
import { useFieldErrors, type FieldErrors } from '../../common/hooks/use-field-errors';
import { ConfirmDialog } from '../../common/components/confirm-dialog';
import { FormDialog } from '../../common/components/form-dialog';
import { PageTitle } from '../../common/components/page-title';
import { QueryView } from '../../common/components/states';
import { DataTable } from '../../common/components/data-table';
import { formatDateTime } from '../../common/utils/format';
import { endSessions, inviteStaff, listStaff, removeStaff, type StaffMember } from '../api/team';

const ROLE_LABELS: Record<string, string> = { coordinator: 'Coordination', facilitator: 'Intervenant·e' };

/** Who may sign in for the CPTS: invite, remove, sign someone out everywhere (a lost phone). */
export function TeamPage() {
  const me = useAccount();
  const queryClient = useQueryClient();
  const staff = useQuery({ queryKey: ['staff'], queryFn: listStaff });
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<StaffMember | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['staff'] });
  const remove = useMutation({
    mutationFn: (id: string) => removeStaff(id),
    onSuccess: () => {
      refresh();
      setRemoving(null);
    },
  });
  const signOut = useMutation({
    mutationFn: (member: StaffMember) => endSessions(member.id),
    onSuccess: (answer, member) =>
      notifications.show({
        color: 'green',
        message: `${member.name} est déconnecté·e de ${answer.ended} appareil(s).`,
      }),
  });

  return (
    <>
      <PageTitle title="Équipe">Équipe</PageTitle>
      <Group mb="md">
        <Button onClick={() => setInviting(true)}>Inviter quelqu’un</Button>
      </Group>
      {(remove.isError || signOut.isError) && (
        <Alert color="red" role="alert" mb="md">
          {describeError(remove.error ?? signOut.error)}
        </Alert>
      )}
      <QueryView query={staff}>
        {(list) => (
          <DataTable
            minWidth={640}
            striped
            headers={['Nom', 'E-mail', 'Rôles', 'Dernière connexion', 'Actions']}
            rowKeys={list.map((member) => member.id)}
            rows={list.map((member) => [
              member.name,
              member.email,
              member.roles.map((role) => (
                <Badge key={role} variant="light" mr={4}>
                  {ROLE_LABELS[role]}
                </Badge>
              )),
              member.lastSignInAt ? formatDateTime(member.lastSignInAt) : 'Jamais',
              <Group key="actions" gap={4} wrap="nowrap">
                <Button size="xs" variant="default" onClick={() => signOut.mutate(member)}>
                  Déconnecter partout
                </Button>
                {member.id !== me.staffId && (
                  <Button size="xs" variant="outline" color="red.9" onClick={() => setRemoving(member)}>
                    Retirer
                  </Button>
                )}
              </Group>,
            ])}
          />
        )}
      </QueryView>
      <InviteDialog opened={inviting} onClose={() => setInviting(false)} onDone={refresh} />
      <ConfirmDialog
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing ? `Retirer ${removing.name} de l’équipe ?` : ''}
        mutation={remove}
        keepLabel="Garder"
        confirmLabel="Retirer"
        onConfirm={() => removing && remove.mutate(removing.id)}
        danger
      >
        <Text size="sm">
          Cette personne ne pourra plus se connecter ; ses sessions ouvertes prennent fin.
        </Text>
      </ConfirmDialog>
    </>
  );
}

type InviteForm = {
  email: string;
  name: string;
  coordinator: boolean;
  facilitator: boolean;
  facilitatorId: string | null;
};

function InviteDialog({
  opened,
  onClose,
  onDone,
}: {
  opened: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const facilitators = useQuery({
    queryKey: catalogueKeys.facilitators,
    queryFn: listFacilitators,
    enabled: opened,
  });
  const { errors, onSubmit, fromServer } = useFieldErrors();
  const { form, bind } = useFormFields<InviteForm>(
    {
      email: '',
      name: '',
      coordinator: false,
      facilitator: true,
      facilitatorId: null,
    },
    errors,
  );
  const invite = useMutation({
    mutationFn: () =>
      inviteStaff({
        email: form.email,
        name: form.name,
        roles: [
          ...(form.coordinator ? ['coordinator' as const] : []),
          ...(form.facilitator ? ['facilitator' as const] : []),
        ],
        facilitatorId: form.facilitator ? form.facilitatorId : null,
      }),
    onSuccess: () => {
      notifications.show({
        color: 'green',
        message: `${form.name} est invité·e : un e-mail lui explique comment se connecter.`,
      });
      onDone();
      onClose();
    },
    onError: fromServer,
  });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title="Inviter quelqu’un"
      onSubmit={onSubmit(
        () => problemsOf(form),
        () => invite.mutate(),
      )}
      mutation={invite}
      submitLabel="Inviter"
    >
      <TextInput label="Nom" required {...bind.text('name')} />
      <TextInput label="Adresse e-mail" type="email" required {...bind.text('email')} />
      <Checkbox.Group label="Rôles" error={errors.roles}>
        <Stack gap={6} mt={4}>
          <Checkbox label="Coordination (tout le back-office)" {...bind.checkbox('coordinator')} />
          <Checkbox label="Intervenant·e (ses séances et la présence)" {...bind.checkbox('facilitator')} />
        </Stack>
      </Checkbox.Group>
      {form.facilitator && (
        <Select
          label="Fiche intervenant·e du catalogue"
          data={(facilitators.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
          {...bind.select('facilitatorId')}
        />
      )}
    </FormDialog>
  );
}

function problemsOf(form: InviteForm): FieldErrors {
  const problems: FieldErrors = {};
  if (!/^\S+@\S+\.\S+$/.test(form.email)) problems.email = 'Adresse e-mail complète';
  if (!form.name.trim()) problems.name = 'Le nom est requis';
  if (!form.coordinator && !form.facilitator) problems.roles = 'Choisissez au moins un rôle';
  if (form.facilitator && !form.facilitatorId)
    problems.facilitatorId = 'Choisissez la fiche intervenant·e : elle décide des séances visibles';
  return problems;
}
