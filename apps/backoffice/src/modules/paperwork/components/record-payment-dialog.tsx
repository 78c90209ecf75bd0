import { Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { paymentKeys, recordPayment, type PaymentRow } from '../api/payments';
import { formatCents, parseEuros, PAYMENT_METHOD_LABELS } from '../domain/money';
import { DialogActions } from '../../common/components/dialog-actions';
import { useFieldErrors, type FieldErrors } from '../../common/hooks/use-field-errors';
import { useFormFields } from '../../common/hooks/use-form-fields';

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
  const { errors, onSubmit } = useFieldErrors();
  const { form, bind } = useFormFields(
    {
      amount: formatCents(Math.max(priceCents - target.paidCents, 0)).replace(/\u00a0€$/, ''),
      method: 'cash' as string | null,
      paidOn: today(),
      reference: '',
    },
    errors,
  );
  const { method, paidOn, reference } = form;
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
  const amountProblem = (): FieldErrors =>
    parseEuros(form.amount) === null
      ? { amount: 'Saisissez un montant en euros, par exemple 15 ou 15,50' }
      : {};
  return (
    <form onSubmit={onSubmit(amountProblem, () => record.mutate(parseEuros(form.amount)!))} noValidate>
      <Stack>
        <TextInput label="Montant (€)" {...bind.text('amount')} required inputMode="decimal" />
        <Select
          label="Moyen de paiement"
          data={Object.entries(PAYMENT_METHOD_LABELS).map(([value, label]) => ({ value, label }))}
          {...bind.select('method')}
          allowDeselect={false}
          required
        />
        <TextInput label="Date du paiement" type="date" {...bind.text('paidOn')} required />
        <TextInput
          label="Référence (facultatif)"
          description="Numéro de chèque, référence du virement…"
          {...bind.text('reference')}
          maxLength={100}
        />
        <DialogActions mutation={record} onClose={onClose}>
          Enregistrer le paiement
        </DialogActions>
      </Stack>
    </form>
  );
}
