export type MailMessage = { from: string; to: string; subject: string; text: string; html: string };

/** Per-send options. `idempotencyKey` goes to the provider so that a retry of the same e-mail is not sent twice. */
export type SendOptions = { idempotencyKey?: string };

/** Sends one message or throws MailError. */
export interface MailDriver {
  send(msg: MailMessage, options?: SendOptions): Promise<void>;
}

export class MailError extends Error {
  override readonly name = 'MailError';
}
