import type { Outbox } from './outbox.js';

export interface SmsMessage {
  to: string;
  text: string;
  /** The verification code the text carries, when it carries one. */
  code?: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

export function outboxSmsSender(outbox: Outbox): SmsSender {
  return {
    async send({ to, text, code }) {
      outbox.add({ channel: 'sms', to, subject: '', text, code: code ?? null });
    },
  };
}
