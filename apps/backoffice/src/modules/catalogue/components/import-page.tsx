import { Alert, Button, FileInput, Group, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../../api/api-error';
import { catalogApi } from '../../../api/client';
import { unwrap } from '../../../api/api-error';
import { PageTitle } from '../../common/components/page-title';
import { catalogueKeys, listProgrammes } from '../api/catalogue';

const EXAMPLE =
  'activité;catégorie;date;début;fin;lieu;capacité\nCardio boxing;Énergie & Mouvement;22/01/2027;18h30;19h30;Association Le Don du Souffle;15';

function runImport(programmeId: string, csv: string, dryRun: boolean) {
  return unwrap(
    catalogApi.POST('/v1/programmes/{id}/import', {
      params: { path: { id: programmeId }, query: { dryRun: dryRun ? 'true' : 'false' } },
      body: { csv } as never,
    }),
  );
}

/** A programme from a spreadsheet: every line checked first and shown, then imported as drafts. */
export function ImportPage() {
  const programmes = useQuery({ queryKey: catalogueKeys.programmes, queryFn: listProgrammes });
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const [csv, setCsv] = useState('');
  const queryClient = useQueryClient();
  const check = useMutation({ mutationFn: () => runImport(programmeId!, csv, true) });
  const save = useMutation({
    mutationFn: () => runImport(programmeId!, csv, false),
    onSuccess: (report) => {
      notifications.show({
        color: 'green',
        message: `${report.sessions.length} séances importées en brouillon.`,
      });
      void queryClient.invalidateQueries();
    },
  });
  const report = check.data;

  return (
    <Stack maw={960}>
      <PageTitle title="Importer un programme">Importer un programme (CSV)</PageTitle>
      <Text size="sm">
        Une ligne par séance, colonnes : activité, catégorie, date, début, fin, lieu, capacité (séparateur « ;
        » ou « , »). Exemple :
      </Text>
      <Text component="pre" size="xs" bg="gray.0" p="xs">
        {EXAMPLE}
      </Text>
      <Select
        label="Programme"
        required
        data={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
        value={programmeId}
        onChange={setProgrammeId}
      />
      <FileInput
        label="Fichier CSV"
        accept=".csv,text/csv"
        onChange={(file) => file && void file.text().then(setCsv)}
        clearable
      />
      <Textarea
        label="…ou collez le contenu"
        autosize
        minRows={4}
        value={csv}
        onChange={(e) => setCsv(e.currentTarget.value)}
      />
      <Group>
        <Button
          onClick={() => check.mutate()}
          disabled={!programmeId || !csv.trim()}
          loading={check.isPending}
        >
          Vérifier le fichier
        </Button>
        {report?.valid && !save.isSuccess && (
          <Button color="respire.9" onClick={() => save.mutate()} loading={save.isPending}>
            Importer les {report.sessions.length} séances
          </Button>
        )}
      </Group>
      {(check.isError || save.isError) && (
        <Alert color="red" role="alert">
          {describeError(check.error ?? save.error)}
        </Alert>
      )}
      {save.isSuccess && (
        <Alert color="green" role="status">
          Import terminé : les séances sont en brouillon. <Link to="/seances">Voir les séances</Link> pour les
          publier.
        </Alert>
      )}
      {report && (
        <Stack>
          <Alert
            color={report.valid ? 'green' : 'red'}
            role="status"
            title={
              report.valid
                ? 'Le fichier est correct'
                : `${report.errors.length} erreur(s) : rien ne sera importé`
            }
          >
            {report.lines} ligne(s) lue(s), {report.sessions.length} séance(s) prête(s)
            {report.activitiesToCreate.length > 0 &&
              `, ${report.activitiesToCreate.length} activité(s) à créer`}
            .
          </Alert>
          <Table>
            <Table.Caption>Résultat ligne par ligne</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Ligne</Table.Th>
                <Table.Th scope="col">Résultat</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[
                ...report.errors.map((e) => ({
                  line: e.line,
                  text: `Erreur${e.field ? ` (${e.field})` : ''} : ${e.message}`,
                  ok: false,
                })),
                ...report.sessions.map((s) => ({
                  line: s.line,
                  text: `${s.activity} le ${s.localDate.split('-').reverse().join('/')} de ${s.localStartTime} à ${s.localEndTime}, ${s.venue}, ${s.capacity} places${s.newActivity ? ' (nouvelle activité)' : ''}`,
                  ok: true,
                })),
              ]
                .sort((a, b) => a.line - b.line)
                .map((row, index) => (
                  <Table.Tr key={index}>
                    <Table.Td>{row.line}</Table.Td>
                    <Table.Td c={row.ok ? undefined : 'red.9'}>{row.text}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}
