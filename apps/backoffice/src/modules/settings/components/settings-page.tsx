import {
  ActionIcon,
  Button,
  ColorInput,
  Group,
  NumberInput,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { tenantOf, useAccount } from '../../auth/hooks/account-context';
import { PageTitle } from '../../common/components/page-title';
import { QueryView } from '../../common/components/states';
import { getTenant, updateTenant, type Tenant } from '../api/settings';
import { hoursText, parseHours } from '../domain/offsets';
import { originsOf } from '../domain/origins';
import { SectionCard } from '../../common/components/section-card';
import { FormSubmit } from '../../common/components/form-submit';
import { useFormFields } from '../../common/hooks/use-form-fields';
import { useFieldErrors, type FieldErrors } from '../../common/hooks/use-field-errors';

/** The CPTS's settings: name and look, sender, reminders, offers, listening lines, privacy contact. */
export function SettingsPage() {
  const account = useAccount();
  const tenant = useQuery({
    queryKey: ['tenant', account.tenantId],
    queryFn: () => getTenant(tenantOf(account)),
  });
  return (
    <>
      <PageTitle title="Paramètres">Paramètres de la CPTS</PageTitle>
      <QueryView query={tenant}>{(t) => <SettingsForm key={t.updatedAt} tenant={t} />}</QueryView>
    </>
  );
}

function SettingsForm({ tenant }: { tenant: Tenant }) {
  const queryClient = useQueryClient();
  const payment = tenant.paymentInstructions ?? { method: 'on-site' as const, details: null, url: null };
  const { errors, onSubmit, fromServer } = useFieldErrors();
  const { form, bind } = useFormFields(
    {
      name: tenant.name,
      logoUrl: tenant.branding.logoUrl ?? '',
      senderEmail: tenant.senderEmail ?? '',
      reminders: hoursText(tenant.reminderOffsetsMinutes),
      offerHours: (tenant.waitlist.offerTtlMinutes / 60) as number | '',
      privacy: tenant.privacyContact ?? '',
      embedOrigins: (tenant.embedOrigins ?? []).join('\n'),
      paymentMethod: payment.method as string | null,
      paymentDetails: payment.details ?? '',
      paymentUrl: payment.url ?? '',
    },
    errors,
  );
  const {
    name,
    logoUrl,
    senderEmail,
    reminders,
    offerHours,
    privacy,
    embedOrigins,
    paymentDetails,
    paymentUrl,
  } = form;
  const paymentMethod = form.paymentMethod ?? 'on-site';
  const [color, setColor] = useState(tenant.branding.primaryColor ?? '#2e7d6b');
  const [lines, setLines] = useState(
    tenant.listeningLines.map((l) => ({ name: l.name, phone: l.phone, description: l.description ?? '' })),
  );
  const save = useMutation({
    mutationFn: () =>
      updateTenant(tenant.id, {
        name,
        branding: { primaryColor: color, ...(logoUrl ? { logoUrl } : {}) },
        senderEmail: senderEmail || null,
        reminderOffsetsMinutes: parseHours(reminders) ?? [],
        waitlist: { offerTtlMinutes: Math.round(Number(offerHours) * 60) },
        privacyContact: privacy || null,
        embedOrigins: originsOf(embedOrigins) ?? [],
        paymentInstructions: {
          method: paymentMethod as NonNullable<Tenant['paymentInstructions']>['method'],
          details: paymentDetails.trim() || null,
          url: paymentUrl.trim() || null,
        },
        listeningLines: lines
          .filter((l) => l.name && l.phone)
          .map((l) => ({
            name: l.name,
            phone: l.phone,
            ...(l.description ? { description: l.description } : {}),
          })),
      }),
    onSuccess: () => {
      notifications.show({
        color: 'green',
        message: 'Paramètres enregistrés. Les prochains messages en tiennent compte.',
      });
      void queryClient.invalidateQueries({ queryKey: ['tenant'] });
    },
    onError: fromServer,
  });

  function problems(): FieldErrors {
    const problems: FieldErrors = {};
    if (!name.trim()) problems.name = 'Le nom est requis';
    if (!parseHours(reminders))
      problems.reminderOffsetsMinutes =
        'Des nombres d’heures séparés par des virgules, par exemple « 48, 3 »';
    if (offerHours === '' || Number(offerHours) <= 0)
      problems.waitlist = 'Un nombre d’heures, par exemple 24';
    if (paymentMethod === 'payment-link' && !/^https?:\/\/\S+$/.test(paymentUrl.trim())) {
      problems.paymentInstructions =
        'L’adresse de la page de paiement, commençant par https://, par exemple votre page HelloAsso';
    }
    if (!originsOf(embedOrigins))
      problems.embedOrigins =
        'Une adresse de site par ligne, commençant par https://, par exemple https://www.cpts-exemple.fr';
    return problems;
  }

  return (
    <form onSubmit={onSubmit(problems, () => save.mutate())} noValidate>
      <Stack maw={720}>
        <SectionCard title="Identité" size="h4">
          <Stack>
            <TextInput label="Nom de la CPTS" required {...bind.text('name')} />
            <ColorInput
              label="Couleur principale"
              value={color}
              onChange={setColor}
              format="hex"
              error={errors.branding}
            />
            <TextInput label="Adresse du logo (https://…)" {...bind.text('logoUrl')} />
            <TextInput
              label="Adresse d’expédition des messages"
              description="Le nom affiché est celui de la CPTS ; vide : l’adresse de la plateforme"
              type="email"
              {...bind.text('senderEmail')}
            />
            <TextInput
              label="Contact protection des données"
              description="Une adresse e-mail ou un lien, cité dans les messages"
              {...bind.text('privacy')}
            />
          </Stack>
        </SectionCard>
        <SectionCard title="Rappels et liste d’attente" size="h4">
          <Stack>
            <TextInput
              label="Rappels avant la séance (heures)"
              description="Par exemple « 48, 3 » : deux jours et trois heures avant"
              {...bind.text('reminders')}
              error={errors.reminderOffsetsMinutes}
            />
            <NumberInput
              label="Durée d’une proposition de place (heures)"
              min={1}
              {...bind.number('offerHours')}
              error={errors.waitlist}
            />
          </Stack>
        </SectionCard>
        <SectionCard title="Paiement des séances payantes" size="h4">
          <Stack>
            <Select
              label="Comment les participants paient"
              description="Indiqué avec le prix sur le programme, le formulaire et dans chaque message"
              data={[
                { value: 'on-site', label: 'Sur place, le jour de la séance' },
                { value: 'cheque', label: 'Par chèque' },
                { value: 'bank-transfer', label: 'Par virement' },
                { value: 'payment-link', label: 'En ligne (HelloAsso ou autre page de paiement)' },
              ]}
              {...bind.select('paymentMethod')}
              allowDeselect={false}
            />
            <TextInput
              label="Page de paiement (https://…)"
              description={
                paymentMethod === 'payment-link' ? 'Obligatoire pour le paiement en ligne' : 'Facultatif'
              }
              {...bind.text('paymentUrl')}
              error={errors.paymentInstructions}
            />
            <Textarea
              label="Précisions (facultatif)"
              description="Ordre du chèque, IBAN et référence à indiquer, espèces acceptées…"
              autosize
              minRows={2}
              maxLength={500}
              {...bind.text('paymentDetails')}
            />
          </Stack>
        </SectionCard>
        <SectionCard title="Lignes d’écoute citées dans les messages" size="h4">
          <Stack>
            {lines.map((line, index) => (
              <Group key={index} align="end" wrap="nowrap">
                <TextInput
                  label="Nom"
                  value={line.name}
                  onChange={(e) =>
                    setLines(lines.map((l, i) => (i === index ? { ...l, name: e.currentTarget.value } : l)))
                  }
                />
                <TextInput
                  label="Téléphone"
                  value={line.phone}
                  onChange={(e) =>
                    setLines(lines.map((l, i) => (i === index ? { ...l, phone: e.currentTarget.value } : l)))
                  }
                />
                <TextInput
                  label="Description"
                  style={{ flex: 1 }}
                  value={line.description}
                  onChange={(e) =>
                    setLines(
                      lines.map((l, i) => (i === index ? { ...l, description: e.currentTarget.value } : l)),
                    )
                  }
                />
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  size="lg"
                  aria-label={`Retirer la ligne ${line.name || index + 1}`}
                  onClick={() => setLines(lines.filter((_, i) => i !== index))}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="default"
                onClick={() => setLines([...lines, { name: '', phone: '', description: '' }])}
              >
                Ajouter une ligne d’écoute
              </Button>
            </Group>
          </Stack>
        </SectionCard>
        <SectionCard title="Sites autorisés à intégrer le programme" size="h4" titleMb="xs">
          <Textarea
            label="Adresses des sites (une par ligne)"
            description="Seuls ces sites peuvent afficher votre programme public dans une de leurs pages (voir le code d’intégration)"
            autosize
            minRows={2}
            {...bind.text('embedOrigins')}
          />
        </SectionCard>
        <FormSubmit mutation={save}>Enregistrer les paramètres</FormSubmit>
      </Stack>
    </form>
  );
}
