// Commercial area in the database: billing data validation, invoice sums and the contact person snapshot,
// orders (kinds, foreign clusters, who may order) and the first order in one transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { adminPool, asActor, asActorCommitted, closeAdminPool } from '../support/sql.ts';
import { createAccount, createCluster, createPerson, createWorld, type Person, type World } from '../support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
  await adminPool().query(
    `insert into public.contracts (account_id, cluster_id, plan_code, product_name, starts_on, term_months, monthly_price_cents)
     values ($1, $2, 'managed-m', 'Managed Cluster M', date '2026-01-01', 12, 29900), ($1, $3, 'managed-s', 'Managed Cluster S', date '2026-06-01', 1, 14900)`,
    [w.accountA.id, w.a1.id, w.a2.id],
  );
});
afterAll(closeAdminPool);

const as = (p: Person) => ({ role: 'authenticated' as const, userId: p.id, email: p.email });
const sqlError = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; message?: string; constraint?: string }) => ({ code: e.code, message: e.message, constraint: e.constraint }));

/** Runs fn as superuser in a transaction that is rolled back (deferred checks run at the explicit commit only). */
async function inTransaction<T>(fn: (q: pg.PoolClient) => Promise<T>): Promise<T> {
  const q = await adminPool().connect();
  try {
    await q.query('begin');
    return await fn(q);
  } finally {
    await q.query('rollback').catch(() => {});
    q.release();
  }
}

describe('Edit data: billing fields', () => {
  it('a manager saves valid billing data under RLS', async () => {
    await asActor(as(w.manager), async (q) => {
      const { rows } = await q.query(
        `update public.customer_accounts set company_name = 'Alpha Test GmbH & Co. KG', address_line1 = 'Hafenstraße 12', postal_code = '33602', city = 'Bielefeld',
           country = 'DE', vat_id = 'DE811234567', billing_email = 'billing@alpha.example' where id = $1 returning city, vat_id`,
        [w.accountA.id],
      );
      expect(rows).toEqual([{ city: 'Bielefeld', vat_id: 'DE811234567' }]);
    });
  });

  it.each([
    ['vat_id', 'DE 811'],
    ['country', 'de'],
    ['country', 'DEU'],
    ['postal_code', '3'],
    ['billing_email', 'Billing@Alpha.example'],
    ['billing_email', 'not-an-address'],
    ['company_name', '   '],
    ['city', ''],
  ])('refuses %s = %j with a check violation (PostgREST: 400)', async (column, value) => {
    const err = await sqlError(asActor(as(w.manager), (q) => q.query(`update public.customer_accounts set ${column} = $2 where id = $1`, [w.accountA.id, value])));
    expect(['23514', '22001']).toContain(err?.code); // check violation / value too long: both 400 in PostgREST
  });

  it('the contact person and the customer number are not editable directly', async () => {
    for (const column of ['contact_person_id', 'customer_number']) {
      const err = await sqlError(asActor(as(w.manager), (q) => q.query(`update public.customer_accounts set ${column} = ${column} where id = $1`, [w.accountA.id])));
      expect(err?.code).toBe('42501');
    }
  });

  it('administrators and other accounts\' managers change nothing (0 rows)', async () => {
    for (const who of [w.adminOne, w.otherManager, w.nobody]) {
      await asActor(as(who), async (q) => {
        const { rowCount } = await q.query(`update public.customer_accounts set city = 'Hijacked' where id = $1`, [w.accountA.id]);
        expect(rowCount).toBe(0);
      });
    }
  });
});

describe('invoices', () => {
  it('issue_invoice bills the running contracts with 19 % VAT, gross = net + VAT, lines = net', async () => {
    await inTransaction(async (q) => {
      const { rows } = await q.query(`select * from public.issue_invoice($1, date '2026-07-01', date '2026-07-31', date '2026-08-01')`, [w.accountA.id]);
      const inv = rows[0];
      expect(inv).toMatchObject({ net_cents: '44800', vat_rate_bp: 1900, vat_cents: '8512', gross_cents: '53312', currency: 'EUR', status: 'open' });
      expect(inv.invoice_number).toMatch(/^RE-2026-\d{5}$/);
      const lines = (await q.query('select position, quantity, unit_price_cents, amount_cents from public.invoice_lines where invoice_id = $1 order by position', [inv.id])).rows;
      expect(lines.map((l) => Number(l.amount_cents))).toEqual([29900, 14900]);
      await q.query('set constraints all immediate'); // the deferred sum check passes
    });
  });

  it('only bills contracts running in the period', async () => {
    await inTransaction(async (q) => {
      const { rows } = await q.query(`select net_cents from public.issue_invoice($1, date '2026-03-01', date '2026-03-31')`, [w.accountA.id]);
      expect(rows[0].net_cents).toBe('29900');
    });
  });

  it('refuses gross ≠ net + VAT, VAT ≠ rate × net, and lines that do not add up to net', async () => {
    const insert = (net: number, vat: number, gross: number) =>
      sqlError(inTransaction((q) =>
        q.query(`insert into public.invoices (invoice_number, account_id, issued_on, due_on, period_start, period_end, net_cents, vat_rate_bp, vat_cents, gross_cents)
                 values ('RE-2026-99999', $1, current_date, current_date, current_date, current_date, $2, 1900, $3, $4)`, [w.accountA.id, net, vat, gross])));
    expect(await insert(10000, 1900, 12000)).toMatchObject({ code: '23514', constraint: 'invoices_gross_is_net_plus_vat' });
    expect(await insert(10000, 2000, 12000)).toMatchObject({ code: '23514', constraint: 'invoices_vat_matches_rate' });

    const mismatch = await sqlError(inTransaction(async (q) => {
      const { rows } = await q.query(`select id from public.issue_invoice($1, date '2026-07-01', date '2026-07-31')`, [w.accountA.id]);
      await q.query(`insert into public.invoice_lines (invoice_id, position, description, quantity, unit_price_cents, amount_cents) values ($1, 9, 'Extra', 1, 100, 100)`, [rows[0].id]);
      await q.query('set constraints all immediate');
    }));
    expect(mismatch).toMatchObject({ code: '23514', message: 'invoice_total_mismatch' });
  });

  it('the invoice keeps the contact person\'s name from issue time after a contact change', async () => {
    const [first, second] = await Promise.all([createPerson('snap-first'), createPerson('snap-second')]);
    await adminPool().query(`update auth.users set raw_user_meta_data = '{}' where id = $1`, [first.id]);
    await adminPool().query(`update public.profiles set display_name = 'Frieda First' where id = $1`, [first.id]);
    const account = await createAccount([first, second], 'Snapshot GmbH');
    const cluster = await createCluster(account, 'snap');
    await adminPool().query(`insert into public.contracts (account_id, cluster_id, product_name, starts_on, term_months, monthly_price_cents) values ($1, $2, 'Managed Cluster S', date '2026-01-01', 1, 14900)`, [account.id, cluster.id]);
    const old = (await adminPool().query(`select id, contact_person_name, contact_person_id from public.issue_invoice($1, date '2026-10-01', date '2026-10-31')`, [account.id])).rows[0];
    expect(old).toMatchObject({ contact_person_name: 'Frieda First', contact_person_id: first.id });

    await asActorCommitted(as(first), async (q) => {
      await q.query('select * from public.set_contact_person($1, $2)', [account.id, second.id]);
      const history = (await q.query('select previous_contact_id, new_contact_id, changed_by from public.contact_person_changes where account_id = $1', [account.id])).rows;
      expect(history).toEqual([{ previous_contact_id: first.id, new_contact_id: second.id, changed_by: first.id }]);
    });
    // Managers cannot issue invoices themselves; the provider does (service key / back office).
    const refused = await sqlError(asActor(as(second), (q) => q.query(`select * from public.issue_invoice($1, date '2026-11-01', date '2026-11-30')`, [account.id])));
    expect(refused?.code).toBe('42501');
    const next = (await adminPool().query(`select contact_person_name from public.issue_invoice($1, date '2026-11-01', date '2026-11-30')`, [account.id])).rows[0];
    expect(next.contact_person_name).toBe(second.email);
    const again = (await adminPool().query('select contact_person_name from public.invoices where id = $1', [old.id])).rows[0];
    expect(again.contact_person_name).toBe('Frieda First');
  });

  it('choosing the current contact person again records nothing', async () => {
    await asActor(as(w.manager), async (q) => {
      await q.query('select * from public.set_contact_person($1, $2)', [w.accountA.id, w.manager.id]);
      const { rows } = await q.query('select count(*)::int as n from public.contact_person_changes where account_id = $1', [w.accountA.id]);
      expect(rows[0].n).toBe(0);
    });
  });
});

describe('orders', () => {
  it('a manager orders a cluster, a domain and a certificate for a cluster of the account: all pending', async () => {
    await asActor(as(w.manager), async (q) => {
      const cluster = (await q.query(`select * from public.place_order($1, 'cluster', p_plan_code => 'managed-l', p_cluster_name => ' Shop 2 ')`, [w.accountA.id])).rows[0];
      expect(cluster).toMatchObject({ kind: 'cluster', plan_code: 'managed-l', cluster_name: 'Shop 2', status: 'pending', ordered_by: w.manager.id });
      const domain = (await q.query(`select * from public.place_order($1, 'domain', p_domain_name => 'Alpha-Test.Example')`, [w.accountA.id])).rows[0];
      expect(domain).toMatchObject({ kind: 'domain', domain_name: 'alpha-test.example', status: 'pending' });
      const cert = (await q.query(`select * from public.place_order($1, 'certificate', p_domain_name => 'www.alpha-test.example', p_cluster_id => $2)`, [w.accountA.id, w.a1.id])).rows[0];
      expect(cert).toMatchObject({ kind: 'certificate', cluster_id: w.a1.id, status: 'pending' });
      expect(cert.order_number).toMatch(/^B-\d{4,}$/);
    });
  });

  it('refuses a certificate for another account\'s cluster: in the function and by the foreign key', async () => {
    const err = await sqlError(asActor(as(w.manager), (q) => q.query(`select * from public.place_order($1, 'certificate', p_domain_name => 'x.example', p_cluster_id => $2)`, [w.accountA.id, w.b1.id])));
    expect(err).toMatchObject({ code: 'P0001', message: 'cluster_not_in_account' });
    const fk = await sqlError(inTransaction((q) => q.query(`insert into public.orders (account_id, kind, domain_name, cluster_id) values ($1, 'certificate', 'x.example', $2)`, [w.accountA.id, w.b1.id])));
    expect(fk).toMatchObject({ code: '23503', constraint: 'orders_certificate_cluster_of_account' });
  });

  it.each([
    ['an unknown plan', `select * from public.place_order($1, 'cluster', p_plan_code => 'gold', p_cluster_name => 'x')`, 'invalid_plan'],
    ['a cluster without name', `select * from public.place_order($1, 'cluster', p_plan_code => 'managed-s', p_cluster_name => '  ')`, 'validation_failed'],
    ['a bad domain', `select * from public.place_order($1, 'domain', p_domain_name => 'not a domain')`, 'invalid_domain'],
  ])('refuses %s', async (_label, sql, code) => {
    expect(await sqlError(asActor(as(w.manager), (q) => q.query(sql, [w.accountA.id])))).toMatchObject({ code: 'P0001', message: code });
  });

  it('an administrator, another account\'s manager and a user without role cannot order for account A; nothing is stored', async () => {
    for (const who of [w.adminOne, w.adminTwo, w.otherManager, w.nobody]) {
      const err = await sqlError(asActor(as(who), (q) => q.query(`select * from public.place_order($1, 'domain', p_domain_name => 'sneaky.example')`, [w.accountA.id])));
      expect(err).toMatchObject({ code: '42501', message: 'not_allowed' });
    }
    const { rowCount } = await adminPool().query(`select 1 from public.orders where domain_name = 'sneaky.example'`);
    expect(rowCount).toBe(0);
  });

  it('orders cannot be written directly by the API roles', async () => {
    const err = await sqlError(asActor(as(w.manager), (q) => q.query(`insert into public.orders (account_id, kind, domain_name) values ($1, 'domain', 'direct.example')`, [w.accountA.id])));
    expect(err?.code).toBe('42501');
  });
});

describe('first order', () => {
  it('creates the account with a new customer number, the manager, the contact person and the pending order in one transaction', async () => {
    const person = await createPerson('first-order');
    const { rows: [seq] } = await adminPool().query(`select last_value from public.customer_number_seq`);
    const r = await asActorCommitted(as(person), async (q) => {
      const { rows } = await q.query(
        `select * from public.place_first_order('Neukunde GmbH', 'managed-m', 'Shop', p_address_line1 => 'Weg 1', p_postal_code => '33100', p_city => 'Paderborn', p_country => 'de', p_vat_id => 'de 123456789')`,
      );
      return rows[0];
    });
    // Committed together: another connection sees all four at once.
    expect(Number(r.customer_number.slice(3))).toBeGreaterThan(Number(seq.last_value));
    const db = adminPool();
    const account = (await db.query('select company_name, contact_person_id, country, vat_id from public.customer_accounts where id = $1', [r.account_id])).rows[0];
    expect(account).toEqual({ company_name: 'Neukunde GmbH', contact_person_id: person.id, country: 'DE', vat_id: 'DE123456789' });
    const managers = (await db.query('select user_id, is_contact_person from public.manager_list where account_id = $1', [r.account_id])).rows;
    expect(managers).toEqual([{ user_id: person.id, is_contact_person: true }]);
    const orders = (await db.query('select id, kind, plan_code, cluster_name, status from public.orders where account_id = $1', [r.account_id])).rows;
    expect(orders).toEqual([{ id: r.order_id, kind: 'cluster', plan_code: 'managed-m', cluster_name: 'Shop', status: 'pending' }]);
    // ... and the new manager reaches it through RLS.
    await asActor(as(person), async (q) => {
      expect((await q.query('select id from public.customer_accounts')).rows).toEqual([{ id: r.account_id }]);
      expect((await q.query('select status from public.orders')).rows).toEqual([{ status: 'pending' }]);
    });
  });

  it('a refused first order commits nothing: no account, no manager row, no order', async () => {
    const person = await createPerson('first-order-fail');
    const err = await sqlError(asActorCommitted(as(person), (q) => q.query(`select * from public.place_first_order('Halb GmbH', 'managed-s', 'web', p_billing_email => 'not-an-address')`)));
    expect(err?.code).toBe('23514');
    expect((await adminPool().query(`select 1 from public.customer_accounts where company_name = 'Halb GmbH'`)).rowCount).toBe(0);
    expect((await adminPool().query('select 1 from public.account_managers where user_id = $1', [person.id])).rowCount).toBe(0);
    expect((await adminPool().query('select 1 from public.orders where ordered_by = $1', [person.id])).rowCount).toBe(0);
  });

  it('an administrator without an account may open one; a manager is sent to place_order (already_customer)', async () => {
    await asActor(as(w.adminOne), async (q) => {
      const { rows } = await q.query(`select * from public.place_first_order('Admin Eigen GmbH', 'managed-s', 'mine')`);
      expect(rows[0].customer_number).toMatch(/^CN-\d{4,}$/);
    });
    const err = await sqlError(asActor(as(w.manager), (q) => q.query(`select * from public.place_first_order('Zweit GmbH', 'managed-s', 'x')`)));
    expect(err).toMatchObject({ code: 'PT409', message: 'already_customer' });
  });

  it('refuses an unknown plan and anon', async () => {
    const person = await createPerson('first-order-plan');
    expect(await sqlError(asActor(as(person), (q) => q.query(`select * from public.place_first_order('X GmbH', 'gold', 'x')`)))).toMatchObject({ message: 'invalid_plan' });
    expect((await sqlError(asActor({ role: 'anon' }, (q) => q.query(`select * from public.place_first_order('X GmbH', 'managed-s', 'x')`))))?.code).toBe('42501');
  });
});

describe('commercial data is for managers only', () => {
  it('an administrator of a1 reads no contracts, invoices, lines or orders of account A', async () => {
    await adminPool().query(`select public.issue_invoice($1, date '2026-09-01', date '2026-09-30')`, [w.accountA.id]);
    await asActor(as(w.adminOne), async (q) => {
      for (const t of ['contracts', 'invoices', 'invoice_lines', 'orders', 'contact_person_changes']) {
        expect((await q.query(`select * from public.${t}`)).rowCount, t).toBe(0);
      }
    });
    await asActor(as(w.manager), async (q) => {
      expect((await q.query('select * from public.invoices where account_id = $1', [w.accountA.id])).rowCount).toBeGreaterThan(0);
      expect((await q.query('select * from public.contracts where account_id = $1', [w.accountA.id])).rowCount).toBe(2);
    });
  });
});
