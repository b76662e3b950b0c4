import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock.js';

/** A message as the development outbox stores it (spec README, "Development outbox"). */
export interface OutboxMessage {
  channel: 'sms' | 'email';
  to: string;
  subject: string;
  text: string;
  code: string | null;
  sentAt: string;
}

/**
 * Development and test stand-in for the SMS gateway and the mail server: messages are kept
 * in memory and appended to a JSON-lines file in the data directory, never the main database.
 */
export class Outbox {
  private readonly messages: OutboxMessage[] = [];
  private readonly file: string;

  constructor(dataDir: string, private readonly clock: Clock) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.file = path.join(dataDir, 'outbox.jsonl');
    if (fs.existsSync(this.file)) {
      for (const line of fs.readFileSync(this.file, 'utf8').split('\n')) {
        if (line.trim()) this.messages.push(JSON.parse(line) as OutboxMessage);
      }
    }
  }

  add(message: Omit<OutboxMessage, 'sentAt'>): OutboxMessage {
    const stored: OutboxMessage = { ...message, sentAt: this.clock.now().toISOString() };
    this.messages.push(stored);
    fs.appendFileSync(this.file, `${JSON.stringify(stored)}\n`, { mode: 0o600 });
    return stored;
  }

  /** Newest first; optionally only those sent to one mobile or e-mail address. */
  list(to?: string): OutboxMessage[] {
    const wanted = to?.trim().toLowerCase();
    return this.messages.filter((m) => !wanted || m.to === wanted).reverse();
  }
}
