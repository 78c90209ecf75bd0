import {
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useFormFields } from '../../common/hooks/use-form-fields';
import { useFieldErrors } from '../../common/hooks/use-field-errors';
import { FormDialog } from '../../common/components/form-dialog';
import { PageTitle } from '../../common/components/page-title';
import { EmptyState } from '../../common/components/states';
import { QueryTable } from '../../common/components/query-table';
import {
  catalogueKeys,
  createActivity,
  createFacilitator,
  createProgramme,
  createVenue,
  listActivities,
  listFacilitators,
  listProgrammes,
  listVenues,
} from '../api/catalogue';

/** Programmes, activities, venues and facilitators: what series are built from. */
export function CataloguePage() {
  return (
    <>
      <PageTitle title="Catalogue">Catalogue</PageTitle>
      <Group mb="md">
        <Button component={Link} to="/catalogue/import" variant="default">
          Importer un fichier CSV
        </Button>
      </Group>
      <Tabs defaultValue={TABS[0].value}>
        <Tabs.List>
          {TABS.map(({ value, label }) => (
            <Tabs.Tab key={value} value={value}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map(({ value, Panel }) => (
          <Tabs.Panel key={value} value={value} pt="md">
            <Panel />
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}

/** The catalogue's tabs, in their order: the first is open. */
const TABS = [
  { value: 'activites', label: 'Activités', Panel: ActivitiesTab },
  { value: 'programmes', label: 'Programmes', Panel: ProgrammesTab },
  { value: 'lieux', label: 'Lieux', Panel: VenuesTab },
  { value: 'intervenants', label: 'Intervenants', Panel: FacilitatorsTab },
];

/** A "new …" dialog: posts, shows field errors in place, refreshes the list. */
function CreateDialog<T>({
  title,
  queryKey,
  create,
  children,
  validate,
}: {
  title: string;
  queryKey: QueryKey;
  create: () => Promise<T>;
  validate: () => Record<string, string>;
  children: (errors: Record<string, string>) => ReactNode;
}) {
  const [opened, setOpened] = useState(false);
  const { errors, onSubmit, fromServer } = useFieldErrors();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: create,
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'Enregistré.' });
      void queryClient.invalidateQueries({ queryKey });
      setOpened(false);
    },
    onError: fromServer,
  });
  return (
    <>
      <Button onClick={() => setOpened(true)}>{title}</Button>
      <FormDialog
        opened={opened}
        onClose={() => setOpened(false)}
        title={title}
        size="lg"
        onSubmit={onSubmit(validate, () => mutation.mutate())}
        mutation={mutation}
        submitLabel="Enregistrer"
      >
        {children(errors)}
      </FormDialog>
    </>
  );
}

function ActivitiesTab() {
  const activities = useQuery({ queryKey: catalogueKeys.activities, queryFn: listActivities });
  const programmes = useQuery({ queryKey: catalogueKeys.programmes, queryFn: listProgrammes });
  const venues = useQuery({ queryKey: catalogueKeys.venues, queryFn: listVenues });
  const facilitators = useQuery({ queryKey: catalogueKeys.facilitators, queryFn: listFacilitators });
  const { form, bind } = useFormFields({
    title: '',
    category: '',
    programmeId: null as string | null,
    venueId: null as string | null,
    facilitatorId: null as string | null,
    capacity: 12 as number | '',
    durationMinutes: 60 as number | '',
    confidential: false,
    individual: false,
  });
  const venueName = new Map((venues.data ?? []).map((v) => [v.id, v.name]));
  return (
    <Stack>
      <Group>
        <CreateDialog
          title="Nouvelle activité"
          queryKey={catalogueKeys.activities}
          validate={() => ({
            ...(form.title.trim() ? {} : { title: 'Le titre est requis' }),
            ...(form.category.trim()
              ? {}
              : { category: 'La catégorie est requise (ex. Gestion des Émotions)' }),
          })}
          create={() =>
            createActivity({
              title: form.title,
              category: form.category,
              programmeId: form.programmeId,
              venueId: form.venueId,
              facilitatorId: form.facilitatorId,
              capacity: form.capacity === '' ? undefined : form.capacity,
              durationMinutes: form.durationMinutes === '' ? undefined : form.durationMinutes,
              confidential: form.confidential,
              individual: form.individual,
            })
          }
        >
          {(errors) => (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Titre" required {...bind.text('title')} error={errors.title} />
              <TextInput label="Catégorie" required {...bind.text('category')} error={errors.category} />
              <Select
                label="Programme"
                clearable
                data={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
                {...bind.select('programmeId')}
              />
              <Select
                label="Lieu habituel"
                clearable
                data={(venues.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
                {...bind.select('venueId')}
              />
              <Select
                label="Intervenant·e habituel·le"
                clearable
                data={(facilitators.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
                {...bind.select('facilitatorId')}
              />
              <NumberInput label="Places" min={1} {...bind.number('capacity')} />
              <NumberInput label="Durée (minutes)" min={15} {...bind.number('durationMinutes')} />
              <Checkbox
                label="Confidentielle (groupe de parole, analyse de pratique : effectifs masqués dans les rapports)"
                {...bind.checkbox('confidential')}
              />
              <Checkbox
                label="Accompagnement individuel (créneaux d’une personne ; seuls les créneaux libres sont publiés)"
                {...bind.checkbox('individual')}
              />
            </SimpleGrid>
          )}
        </CreateDialog>
      </Group>
      <QueryTable
        query={activities}
        empty={
          <EmptyState title="Aucune activité">
            Créez une activité (ex. « Cardio boxing ») pour pouvoir en programmer des séances.
          </EmptyState>
        }
        striped
        caption="Activités"
        headers={['Titre', 'Catégorie', 'Lieu habituel', 'Places', '']}
        row={(a) => [
          a.title,
          a.category,
          a.venueId ? (venueName.get(a.venueId) ?? '—') : '—',
          a.capacity ?? '—',
          <Group gap={4} key="flags">
            {a.confidential && <Badge variant="light">Confidentielle</Badge>}
            {a.individual && <Badge variant="light">Individuel</Badge>}
            {a.individual && !a.archived && (
              <Button
                component={Link}
                to={`/catalogue/activites/${a.id}/creneaux`}
                size="xs"
                variant="default"
                aria-label={`Créer des créneaux : ${a.title}`}
              >
                Créer des créneaux
              </Button>
            )}
            {a.archived && (
              <Badge color="gray.8" variant="outline">
                Archivée
              </Badge>
            )}
          </Group>,
        ]}
      />
    </Stack>
  );
}

function ProgrammesTab() {
  const programmes = useQuery({ queryKey: catalogueKeys.programmes, queryFn: listProgrammes });
  const { form, bind } = useFormFields({ title: '', startsOn: '', endsOn: '', funder: '' });
  return (
    <Stack>
      <Group>
        <CreateDialog
          title="Nouveau programme"
          queryKey={catalogueKeys.programmes}
          validate={(): Record<string, string> => (form.title.trim() ? {} : { title: 'Le titre est requis' })}
          create={() =>
            createProgramme({
              title: form.title,
              startsOn: form.startsOn || null,
              endsOn: form.endsOn || null,
              funder: form.funder || null,
            })
          }
        >
          {(errors) => (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Titre" required {...bind.text('title')} error={errors.title} />
              <TextInput label="Financeur" {...bind.text('funder')} />
              <TextInput label="Début (AAAA-MM-JJ)" {...bind.text('startsOn')} error={errors.startsOn} />
              <TextInput label="Fin (AAAA-MM-JJ)" {...bind.text('endsOn')} error={errors.endsOn} />
            </SimpleGrid>
          )}
        </CreateDialog>
      </Group>
      <QueryTable
        query={programmes}
        empty={
          <EmptyState title="Aucun programme">
            Un programme regroupe les ateliers d’une période et d’un financeur.
          </EmptyState>
        }
        striped
        caption="Programmes"
        headers={['Titre', 'Période', 'Financeur']}
        row={(p) => [p.title, `${p.startsOn ?? '…'} → ${p.endsOn ?? '…'}`, p.funder ?? '—']}
      />
    </Stack>
  );
}

function VenuesTab() {
  const venues = useQuery({ queryKey: catalogueKeys.venues, queryFn: listVenues });
  const { form, bind } = useFormFields({ name: '', address: '' });
  return (
    <Stack>
      <Group>
        <CreateDialog
          title="Nouveau lieu"
          queryKey={catalogueKeys.venues}
          validate={(): Record<string, string> => (form.name.trim() ? {} : { name: 'Le nom est requis' })}
          create={() => createVenue({ name: form.name, address: form.address || null })}
        >
          {(errors) => (
            <>
              <TextInput label="Nom" required {...bind.text('name')} error={errors.name} />
              <TextInput label="Adresse" {...bind.text('address')} />
            </>
          )}
        </CreateDialog>
      </Group>
      <QueryTable
        query={venues}
        empty={<EmptyState title="Aucun lieu">Ajoutez les salles où se tiennent les ateliers.</EmptyState>}
        striped
        caption="Lieux"
        headers={['Nom', 'Adresse']}
        row={(v) => [v.name, v.address ?? '—']}
      />
    </Stack>
  );
}

function FacilitatorsTab() {
  const facilitators = useQuery({ queryKey: catalogueKeys.facilitators, queryFn: listFacilitators });
  const { form, bind } = useFormFields({ name: '', email: '', phone: '' });
  return (
    <Stack>
      <Group>
        <CreateDialog
          title="Nouvel·le intervenant·e"
          queryKey={catalogueKeys.facilitators}
          validate={(): Record<string, string> => (form.name.trim() ? {} : { name: 'Le nom est requis' })}
          create={() =>
            createFacilitator({ name: form.name, email: form.email || null, phone: form.phone || null })
          }
        >
          {(errors) => (
            <>
              <TextInput label="Nom" required {...bind.text('name')} error={errors.name} />
              <TextInput label="E-mail" type="email" {...bind.text('email')} error={errors.email} />
              <TextInput label="Téléphone" {...bind.text('phone')} />
            </>
          )}
        </CreateDialog>
        <Text size="sm" c="dimmed">
          Pour qu’un·e intervenant·e pointe ses séances, invitez-le·la dans <Link to="/equipe">Équipe</Link>.
        </Text>
      </Group>
      <QueryTable
        query={facilitators}
        empty={
          <EmptyState title="Aucun·e intervenant·e">
            Ajoutez les personnes qui animent les ateliers.
          </EmptyState>
        }
        striped
        caption="Intervenants"
        headers={['Nom', 'E-mail', 'Téléphone']}
        row={(f) => [f.name, f.email ?? '—', f.phone ?? '—']}
      />
    </Stack>
  );
}
