import nodemailer from 'nodemailer';
import type { MailSender } from './mail.js';

/** E-mail through an SMTP server (nodemailer), e.g. SMTP_URL=smtps://user:pass@smtp.example.gov.cn:465 */
export function smtpMailSender(smtpUrl: string, from: string): MailSender & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send({ to, subject, text }) {
      await transport.sendMail({ from, to, subject, text });
    },
    close: () => transport.close(),
  };
}
