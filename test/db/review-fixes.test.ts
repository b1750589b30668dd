// Fixes from the second review: invoicing by contract months, one invoice per period, and support's
// replacement invitations out of reach of the departed manager.
import { afterAll, describe, expect, it } from 'vitest';
import { adminPool, asActor, closeAdminPool } from '../support/sql.ts';
import { createAccount, createCluster, createPerson, type Person } from '../support/world.ts';

afterAll(closeAdminPool);

const sqlError = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }));
const as = (p: Person) => ({ role: 'authenticated' as const, userId: p.id, email: p.email });

async function accountWithContract(starts: string, ends: string | null = null) {
  const manager = await createPerson('billing');
  const account = await createAccount([manager], 'Billing Test GmbH');
  const cluster = await createCluster(account);
  await adminPool().query(
    `insert into public.contracts (account_id, cluster_id, product_name, starts_on, ends_on, term_months, monthly_price_cents, status)
     values ($1, $2, 'Managed Cluster M', $3, $4, 1, 10000, $5)`,
    [account.id, cluster.id, starts, ends, 'active'],
  );
  return account;
}
const issue = (accountId: string, from: string, to: string, issuedOn: string | null = '2027-03-01') =>
  adminPool().query(`select net_cents::int as net from public.issue_invoice($1, $2::date, $3::date, $4::date)`, [accountId, from, to, issuedOn]).then((r) => r.rows[0].net as number);

describe('issue_invoice', () => {
  it('bills only the months a contract runs: not after its end, not before its start', async () => {
    const ending = await accountWithContract('2026-01-01', '2026-12-31');
    expect(await issue(ending.id, '2026-12-01', '2027-02-28')).toBe(10000);
    const starting = await accountWithContract('2024-03-01');
    expect(await issue(starting.id, '2024-01-01', '2024-03-31')).toBe(10000);
  });

  it('a period in which no month begins has nothing to invoice', async () => {
    const account = await accountWithContract('2026-01-01');
    expect(await sqlError(issue(account.id, '2026-12-15', '2026-12-16'))).toEqual({ code: 'P0001', message: 'nothing_to_invoice' });
  });

  it('refuses a second invoice for an overlapping period, and a missing issue date', async () => {
    const account = await accountWithContract('2026-01-01');
    expect(await issue(account.id, '2026-12-01', '2026-12-31')).toBe(10000);
    expect(await sqlError(issue(account.id, '2026-12-01', '2026-12-31'))).toEqual({ code: 'PT409', message: 'already_invoiced' });
    expect(await sqlError(issue(account.id, '2026-11-01', '2026-12-15'))).toEqual({ code: 'PT409', message: 'already_invoiced' });
    expect(await sqlError(issue(account.id, '2027-01-01', '2027-01-31', null))).toEqual({ code: 'P0001', message: 'validation_failed' });
  });
});

describe('support replacement invitations', () => {
  it('the departed manager kept until acceptance can neither withdraw nor renew the replacement invitation', async () => {
    const departed = await createPerson('departed');
    const account = await createAccount([departed], 'Replacement GmbH');
    const successor = `successor-${Date.now()}@example.com`;
    await adminPool().query(
      `select * from support.replace_manager(p_support_agent => 'Sam Support', p_reason => '#4712 verified by phone', p_customer_number => $1,
         p_departed_email => $2, p_new_manager_email => $3, p_keep_until_accepted => true)`,
      [account.customerNumber, departed.email, successor],
    );
    const { rows } = await adminPool().query('select id from public.invitations where account_id = $1 and email = $2', [account.id, successor]);
    expect(rows).toHaveLength(1);
    const id = rows[0].id as string;
    for (const fn of ['revoke_invitation', 'resend_invitation']) {
      const err = await sqlError(asActor(as(departed), (q) => q.query(`select * from public.${fn}($1)`, [id])));
      expect(err, fn).toEqual({ code: '42501', message: 'support_invitation' });
    }
    const { rows: after } = await adminPool().query('select revoked_at from public.invitations where id = $1', [id]);
    expect(after[0].revoked_at).toBeNull();
  });
});

describe('support refusals', () => {
  it('a too-short reason is refused with a message that names the minimum', async () => {
    const err = await adminPool()
      .query(`select * from support.set_contact_person('Sam Support', '#1 x', 'CN-1001', 'anna@alpha.example')`)
      .then(() => null, (e: { message: string; detail: string }) => ({ message: e.message, detail: e.detail }));
    expect(err).toEqual({ message: 'reason_required', detail: expect.stringContaining('at least 5 characters') });
  });
});
