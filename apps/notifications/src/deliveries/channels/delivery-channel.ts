/** A message ready to go out, whatever the channel. */
export interface OutgoingMessage {
  from: { name: string; address: string };
  /** Where answers go when the From is the platform's address (the CPTS's own address). */
  replyTo: string | null;
  to: { name: string | null; address: string };
  subject: string;
  html: string;
  text: string;
  /** Stable per delivery: a repeated send carries the same id. */
  messageId: string;
  /** iCalendar object and its iTIP method, when the message carries an invitation. */
  calendar: { method: 'REQUEST' | 'CANCEL'; content: string } | null;
  /** RFC 8058 one-click unsubscribe (reminders, feedback requests). */
  unsubscribeUrl: string | null;
  headers: Record<string, string>;
}

/**
 * A message made ready for its channel ahead of the send (for email: the whole MIME message as
 * one buffer), so that what is left at send time is the exchange with the provider alone.
 */
export interface PreparedMessage {
  readonly message: OutgoingMessage;
  /** The channel's own form of it (opaque to callers). */
  readonly payload: unknown;
}

export interface SendReceipt {
  /** What the provider calls the message (the SMTP server's queue id), for support. */
  providerMessageId: string;
}

/**
 * How messages leave the service. Email goes through SMTP; an SMS provider would be another
 * implementation (the delivery log and retries already carry a `channel`). Errors are thrown
 * as the transport reports them; classifySendFailure tells temporary from permanent.
 */
export interface DeliveryChannel {
  readonly channel: 'email' | 'sms';
  /** Everything a send needs that does not need the provider (encoding, composing). */
  prepare(message: OutgoingMessage): Promise<PreparedMessage>;
  /** Hands a prepared message to the provider. */
  send(prepared: PreparedMessage): Promise<SendReceipt>;
}

export const EMAIL_CHANNEL = Symbol('EMAIL_CHANNEL');
export const SMS_CHANNEL = Symbol('SMS_CHANNEL');

/** No SMS provider is configured: an SMS delivery fails for good, saying so. */
export class UnconfiguredSmsChannel implements DeliveryChannel {
  readonly channel = 'sms' as const;
  async prepare(message: OutgoingMessage): Promise<PreparedMessage> {
    return { message, payload: null };
  }
  async send(): Promise<SendReceipt> {
    throw Object.assign(new Error('no SMS provider configured'), { responseCode: 554 });
  }
}
