import type { Outbox } from './outbox.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  code?: string;
}

export interface MailSender {
  send(message: MailMessage): Promise<void>;
}

export function outboxMailSender(outbox: Outbox): MailSender {
  return {
    async send({ to, subject, text, code }) {
      outbox.add({ channel: 'email', to: to.toLowerCase(), subject, text, code: code ?? null });
    },
  };
}
