import { Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../../api/api-error';
import { EmptyState, ErrorState, LoadingState, MutationError } from '../../common/components/states';
import { documentPaths } from '../api/documents';
import { usePdfDownload } from '../hooks/use-pdf-download';
import { paymentKeys, sessionPayments, voidPayment, type Payment, type PaymentRow } from '../api/payments';
import { formatCents, PAYMENT_METHOD_LABELS, PAYMENT_STATE_LABELS } from '../domain/money';
import { AttendanceSheetButton } from './attendance-sheet-button';
import { RecordPaymentDialog } from './record-payment-dialog';
import { SectionCard } from '../../common/components/section-card';

/**
 * A session's paperwork: its attendance sheet to print, each attended person's certificate, and
 * for a priced session who has paid, recording a payment and its receipt.
 */
export function PaperworkCard({
  sessionId,
  attended,
}: {
  sessionId: string;
  attended: { id: string; name: string }[];
}) {
  const download = usePdfDownload();
  return (
    <SectionCard title="Documents">
      <Stack gap="sm">
        <Group>
          <AttendanceSheetButton sessionId={sessionId} />
        </Group>
        {attended.length > 0 && (
          <Group gap="xs" role="group" aria-label="Attestations de présence">
            <Text size="sm">Attestations de présence :</Text>
            {attended.map((a) => (
              <Button
                key={a.id}
                size="xs"
                variant="subtle"
                onClick={() =>
                  download.mutate({
                    path: documentPaths.certificate(a.id),
                    filename: `attestation-${a.name.replace(/\s+/g, '-').toLowerCase()}.pdf`,
                  })
                }
                aria-label={`Attestation de présence de ${a.name}`}
              >
                {a.name}
              </Button>
            ))}
          </Group>
        )}
      </Stack>
    </SectionCard>
  );
}

export function PaymentsCard({ sessionId }: { sessionId: string }) {
  const [filter, setFilter] = useState<'all' | 'unpaid'>('all');
  const [recording, setRecording] = useState<PaymentRow | null>(null);
  const payments = useQuery({
    queryKey: paymentKeys.session(sessionId),
    queryFn: () => sessionPayments(sessionId),
  });
  const download = usePdfDownload();
  const queryClient = useQueryClient();
  const voiding = useMutation({
    mutationFn: ({ row, payment }: { row: PaymentRow; payment: Payment }) =>
      voidPayment(row.registrationId, payment.id, null),
    onSuccess: () => {
      notifications.show({
        color: 'green',
        message: 'Paiement annulé : il ne compte plus, l’historique le garde.',
      });
      void queryClient.invalidateQueries({ queryKey: paymentKeys.session(sessionId) });
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });

  if (payments.isPending) return <LoadingState label="Chargement des paiements…" />;
  if (payments.error) return <ErrorState error={payments.error} onRetry={() => void payments.refetch()} />;
  const data = payments.data;
  if (data.priceCents <= 0) return null;
  const owing = data.registrations.filter((r) => r.state === 'unpaid' || r.state === 'partly-paid');
  const rows = filter === 'unpaid' ? owing : data.registrations;

  return (
    <SectionCard
      title="Paiements"
      actions={
        <SegmentedControl
          value={filter}
          onChange={(value) => setFilter(value as 'all' | 'unpaid')}
          data={[
            { value: 'all', label: `Tous (${data.registrations.length})` },
            { value: 'unpaid', label: `Non payés (${owing.length})` },
          ]}
          aria-label="Afficher"
        />
      }
    >
      <Text size="sm" mb="sm">
        Participation : {formatCents(data.priceCents)} · Encaissé :{' '}
        <strong>{formatCents(data.collectedCents)}</strong>
      </Text>
      {rows.length === 0 ? (
        <EmptyState
          title={filter === 'unpaid' ? 'Tout le monde a payé.' : 'Personne n’est inscrit pour l’instant.'}
        />
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table>
            <Table.Caption>Paiements par personne</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Nom</Table.Th>
                <Table.Th scope="col">État</Table.Th>
                <Table.Th scope="col">Payé</Table.Th>
                <Table.Th scope="col">Reçus</Table.Th>
                <Table.Th scope="col">Action</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => {
                const name = `${row.firstName} ${row.lastName}`;
                return (
                  <Table.Tr key={row.registrationId}>
                    <Table.Td>{name}</Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={
                          row.state === 'paid' ? 'green.9' : row.state === 'unpaid' ? 'red.9' : 'yellow.9'
                        }
                      >
                        {PAYMENT_STATE_LABELS[row.state]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatCents(row.paidCents)}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {row.payments.map((p) => {
                          const label = `Reçu n° ${p.receiptNumber} · ${formatCents(p.amountCents)} · ${PAYMENT_METHOD_LABELS[p.method]}`;
                          return (
                            <Group key={p.id} gap={4} wrap="nowrap">
                              <Button
                                size="xs"
                                variant="subtle"
                                td={p.voidedAt ? 'line-through' : undefined}
                                onClick={() =>
                                  download.mutate({
                                    path: documentPaths.receipt(row.registrationId, p.id),
                                    filename: `recu-${p.receiptNumber}.pdf`,
                                  })
                                }
                                aria-label={`${label}, ${name}${p.voidedAt ? ' (annulé)' : ''}`}
                              >
                                {label}
                              </Button>
                              {!p.voidedAt && (
                                <Button
                                  size="xs"
                                  variant="outline"
                                  color="red.9"
                                  onClick={() => voiding.mutate({ row, payment: p })}
                                  aria-label={`Annuler le paiement n° ${p.receiptNumber}`}
                                >
                                  Annuler
                                </Button>
                              )}
                            </Group>
                          );
                        })}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setRecording(row)}
                        aria-label={`Enregistrer un paiement de ${name}`}
                      >
                        Enregistrer un paiement
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <MutationError mutation={voiding} mt="sm" />
      <RecordPaymentDialog
        sessionId={sessionId}
        priceCents={data.priceCents}
        target={recording}
        onClose={() => setRecording(null)}
      />
    </SectionCard>
  );
}
