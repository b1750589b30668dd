import type { Config } from '../../env';
import type { Fetch } from '../../types';
import { createMailDriver, type MailDriver } from '../mail';
import { createServiceClient } from '../supabase';
import { renderOutboxRow, type OutboxRow } from './render';

export type DeliveryDeps = {
  config: Config;
  fetch: Fetch;
  /** Replaces the configured mail driver (tests: a driver that fails N times). */
  driver?: MailDriver;
};

export type DeliveryOptions = {
  /** Only the rows this user's change wrote (right after a change); omitted = every due row (cron). */
  causedBy?: string;
  /** Rows per claim. */
  batchSize?: number;
  /** Claims per run, so a run stays within the Worker's time limit; the cron takes the rest. */
  maxBatches?: number;
};

export type Delivered = { id: string; template: string; to: string };
export type DeliveryResult = { sent: Delivered[]; failed: (Delivered & { error: string })[] };

/**
 * Delivers due outbox rows: claims a batch (rows become `sending` under a lease, `for update skip locked`,
 * so parallel runs never take the same row), renders and sends each with its idempotency key (a provider
 * that already has the key does not send again: a run that died after sending but before marking is
 * harmless), then marks it sent or failed (the database schedules the retry with backoff).
 *
 * Uses the service key: the outbox is a system job acting for whoever caused the e-mail, and it must also
 * run from the cron trigger where there is no user. The delivery RPCs are executable by service_role only.
 */
export async function deliverOutbox(deps: DeliveryDeps, opts: DeliveryOptions = {}): Promise<DeliveryResult> {
  const { config, fetch } = deps;
  const db = createServiceClient(config.supabaseUrl, config.supabaseServiceRoleKey, fetch);
  const driver = deps.driver ?? createMailDriver(config.mail, fetch);
  const batchSize = opts.batchSize ?? 20;
  const result: DeliveryResult = { sent: [], failed: [] };

  for (let batch = 0; batch < (opts.maxBatches ?? 5); batch++) {
    const claim = await db.rpc('claim_email_batch', { p_limit: batchSize, p_caused_by: opts.causedBy ?? null });
    if (claim.error) throw new Error(`claim_email_batch failed: ${claim.error.message}`);
    const rows = (claim.data ?? []) as OutboxRow[];
    for (const row of rows) {
      try {
        const mail = await renderOutboxRow(row, { config, fetch });
        await driver.send({ from: config.mail.from, to: row.to_email, ...mail }, { idempotencyKey: row.idempotency_key });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.error(`[outbox] ${row.template} ${row.id} attempt ${row.attempts} failed: ${message}`);
        result.failed.push({ id: row.id, template: row.template, to: row.to_email, error: message });
        const marked = await db.rpc('mark_email_failed', { p_id: row.id, p_error: message });
        if (marked.error) console.error(`[outbox] mark_email_failed ${row.id}: ${marked.error.message}`);
        continue;
      }
      const marked = await db.rpc('mark_email_sent', { p_id: row.id });
      // Sent but not marked: the lease runs out, the row is claimed again and the provider drops the
      // repeated idempotency key.
      if (marked.error) console.error(`[outbox] mark_email_sent ${row.id}: ${marked.error.message}`);
      result.sent.push({ id: row.id, template: row.template, to: row.to_email });
    }
    if (rows.length < batchSize) break;
  }
  return result;
}
