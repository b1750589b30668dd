import type { MailConfig } from '../../env';
import type { Fetch } from '../../types';
import { mailboxDriver } from './mailbox';
import { resendDriver } from './resend';
import type { MailDriver } from './types';

export type { MailDriver, MailMessage, SendOptions } from './types';
export { MailError } from './types';

/** Picks the driver named by MAIL_DRIVER. */
export function createMailDriver(mail: MailConfig, fetch: Fetch): MailDriver {
  return mail.driver === 'resend' ? resendDriver(mail.resendApiKey, fetch) : mailboxDriver(mail.mailboxUrl, fetch);
}
