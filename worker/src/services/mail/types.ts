export type MailMessage = { from: string; to: string; subject: string; text: string; html: string };

/** Sends one message or throws MailError. */
export interface MailDriver {
  send(msg: MailMessage): Promise<void>;
}

export class MailError extends Error {
  override readonly name = 'MailError';
}
