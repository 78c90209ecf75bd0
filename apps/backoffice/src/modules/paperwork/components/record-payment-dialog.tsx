import { Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { paymentKeys, recordPayment, type PaymentRow } from '../api/payments';
import { formatCents, parseEuros, PAYMENT_METHOD_LABELS } from '../domain/money';
import { DialogActions } from '../../common/components/dialog-actions';

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

interface PaymentProps<Target> {
  sessionId: string;
  priceCents: number;
  target: Target;
  onClose: () => void;
}

/**
 * Records what one person paid. The dialog keeps one Idempotency-Key while it is open: pressing
 * the button twice, or again after a network error, records the payment once.
 */
export function RecordPaymentDialog({
  sessionId,
  priceCents,
  target,
  onClose,
}: PaymentProps<PaymentRow | null>) {
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={target ? `Paiement de ${target.firstName} ${target.lastName}` : ''}
    >
      {target && (
        <PaymentForm
          key={target.registrationId}
          sessionId={sessionId}
          priceCents={priceCents}
          target={target}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}

function PaymentForm({ sessionId, priceCents, target, onClose }: PaymentProps<PaymentRow>) {
  const [key] = useState(() => crypto.randomUUID());
  const [amount, setAmount] = useState(
    formatCents(Math.max(priceCents - target.paidCents, 0)).replace(/\u00a0€$/, ''),
  );
  const [method, setMethod] = useState<string | null>('cash');
  const [paidOn, setPaidOn] = useState(today());
  const [reference, setReference] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const record = useMutation({
    mutationFn: (cents: number) =>
      recordPayment(
        target.registrationId,
        { amountCents: cents, method: method as never, paidOn, reference: reference.trim() || null },
        key,
      ),
    onSuccess: (payment) => {
      notifications.show({
        color: 'green',
        message: `Paiement enregistré (reçu n° ${payment.receiptNumber}).`,
      });
      void queryClient.invalidateQueries({ queryKey: paymentKeys.session(sessionId) });
      onClose();
    },
  });
  const submit = () => {
    const cents = parseEuros(amount);
    if (cents === null) {
      setAmountError('Saisissez un montant en euros, par exemple 15 ou 15,50');
      return;
    }
    setAmountError(null);
    record.mutate(cents);
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      <Stack>
        <TextInput
          label="Montant (€)"
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={amountError}
          required
          inputMode="decimal"
        />
        <Select
          label="Moyen de paiement"
          data={Object.entries(PAYMENT_METHOD_LABELS).map(([value, label]) => ({ value, label }))}
          value={method}
          onChange={setMethod}
          allowDeselect={false}
          required
        />
        <TextInput
          label="Date du paiement"
          type="date"
          value={paidOn}
          onChange={(e) => setPaidOn(e.currentTarget.value)}
          required
        />
        <TextInput
          label="Référence (facultatif)"
          description="Numéro de chèque, référence du virement…"
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
          maxLength={100}
        />
        <DialogActions mutation={record} onClose={onClose}>
          Enregistrer le paiement
        </DialogActions>
      </Stack>
    </form>
  );
}
