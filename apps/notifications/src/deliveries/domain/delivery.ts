import { TemplateKey } from '../../templates/domain/template-key';

/**
 * A message's life in the delivery log:
 *   pending ─▶ sending ─▶ sent
 *      ▲          │
 *      └──────────┤ temporary failure (retried with backoff)
 *                 ▼
 *               failed (permanent failure, or attempts exhausted)
 * `cancelled`: never sent because its reason went away first (participant erased).
 * A row found in `sending` when a job starts again means the previous attempt was cut off
 * (process killed) after the row was marked and before the outcome was recorded: the SMTP
 * server may or may not have accepted it. It is sent again with the same Message-ID.
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

export const UNFINISHED_STATUSES: readonly DeliveryStatus[] = ['pending', 'sending'];

export function isFinished(status: DeliveryStatus): boolean {
  return status === 'sent' || status === 'failed' || status === 'cancelled';
}

/** What the calendar part of a message says (the .ics is written at send time). */
export interface CalendarSpec {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  sequence: number;
  startsAt: string;
  endsAt: string;
  timezone: string;
  summary: string;
  location: string | null;
  description: string | null;
  confidential: boolean;
}

/** A message to record (and then send), one per (tenant, cause, template, recipient). */
export interface DeliveryRequest {
  tenantId: string;
  /** The event the message answers, or an id derived from what it is about (reminders). */
  causeId: string;
  template: TemplateKey;
  recipient: string;
  recipientName: string | null;
  registrationId: string | null;
  participantId: string | null;
  sessionId: string | null;
  /** The template's variables. */
  context: Record<string, unknown>;
  calendar: CalendarSpec | null;
}

/** The Message-ID header of a delivery: stable across attempts, so a repeated send is recognisable. */
export function messageIdOf(deliveryId: string, senderAddress: string): string {
  const domain = senderAddress.slice(senderAddress.lastIndexOf('@') + 1) || 'respire.localhost';
  return `<${deliveryId}@${domain}>`;
}

/** The stable UID of a registration's calendar entry. */
export function calendarUidOf(registrationId: string): string {
  return `registration-${registrationId}@respire`;
}
