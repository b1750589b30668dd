// Support functions, called as the dashboard's database role (postgres) in the SQL editor: each happy path,
// each refusal, the audit entries (actor support, with the reason) and the e-mails in the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { adminPool, closeAdminPool } from '../support/sql.ts';
import { addAdministrator, addManager, createAccount, createCluster, createPerson, type Account, type Person } from '../support/world.ts';

afterAll(closeAdminPool);

const AGENT = 'Sam Support';
const REASON = 'ticket 4711: identity verified by phone call-back';

/** One SQL-editor run as postgres, rolled back afterwards. */
async function dashboard<T>(fn: (q: pg.PoolClient) => Promise<T>): Promise<T> {
  const q = await adminPool().connect();
  try {
    await q.query('begin');
    const { rows } = await q.query<{ u: string }>('select current_user as u');
    expect(rows[0].u).toBe('postgres');
    return await fn(q);
  } finally {
    await q.query('rollback').catch(() => {});
    q.release();
  }
}

const refusal = (p: Promise<unknown>) =>
  p.then(() => null, (e: { code?: string; message?: string; detail?: string }) => ({ code: e.code, message: e.message, detail: e.detail }));

/** The audit entries this transaction wrote (audit.events ids grow; now() is the transaction's time). */
const auditOfThisTransaction = async (q: pg.PoolClient) =>
  (await q.query(`select kind, actor_kind, actor_label, reason, customer_number, cluster_number, subject_email, details
                    from audit.events where occurred_at = now() order by id`)).rows;
const outbox = async (q: pg.PoolClient) =>
  (await q.query(`select template, to_email, language, payload from app_private.email_outbox where created_at = now() order by to_email, template`)).rows;

/** An Auth user with exactly this address, created in the running transaction (for invitees). */
async function createLoginIn(q: pg.PoolClient, email: string): Promise<string> {
  const id = randomUUID();
  await q.query(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, confirmation_token,
       recovery_token, email_change_token_new, email_change, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, '', now(), '', '', '', '', '{}', '{}', now(), now(), false)`,
    [id, email],
  );
  return id;
}
/** The invitee's later request (the support function's transaction marks are cleared, as a new request has none). */
async function acceptAs(q: pg.PoolClient, userId: string, token: string) {
  await q.query("select set_config('app.support_agent', '', true), set_config('app.support_reason', '', true), set_config('app.notifications', '', true)");
  await q.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: userId, role: 'authenticated' })]);
  await q.query('select * from public.accept_invitation($1)', [token]);
  await q.query("reset role; select set_config('request.jwt.claims', '', true)");
}
const managersOf = async (q: pg.PoolClient, a: Account) =>
  (await q.query('select p.email from public.account_managers m join public.profiles p on p.id = m.user_id where m.account_id = $1 order by p.email', [a.id])).rows.map((r) => r.email);
const contactOf = async (q: pg.PoolClient, a: Account) =>
  (await q.query('select p.email from public.customer_accounts a join public.profiles p on p.id = a.contact_person_id where a.id = $1', [a.id])).rows[0]?.email ?? null;

describe('the support schema is for the dashboard only', () => {
  it('no API role can use the schema or execute its functions', async () => {
    const { rows } = await adminPool().query(`
      select r.rolname, has_schema_privilege(r.rolname, 'support', 'usage') as usage,
             bool_or(has_function_privilege(r.rolname, p.oid, 'execute')) as execute
        from pg_roles r cross join pg_proc p join pg_namespace n on n.oid = p.pronamespace and n.nspname = 'support'
       where r.rolname in ('anon', 'authenticated', 'service_role', 'authenticator')
       group by r.rolname order by r.rolname`);
    expect(rows).toEqual(['anon', 'authenticated', 'authenticator', 'service_role'].map((rolname) => ({ rolname, usage: false, execute: false })));
  });

  it('a signed-in user calling a support function is refused', async () => {
    const err = await dashboard(async (q) => {
      await q.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: randomUUID(), role: 'authenticated' })]);
      return refusal(q.query(`select * from support.set_contact_person('x', 'because I can', 'CN-1001', 'a@b.example')`));
    });
    expect(err?.code).toBe('42501');
  });

  it('refuses a call without support agent or reason, before changing anything', async () => {
    const p = await createPerson('noreason');
    for (const [agent, reason, code] of [['', REASON, 'support_agent_required'], [null, REASON, 'support_agent_required'], [AGENT, '', 'reason_required'], [AGENT, null, 'reason_required']] as const) {
      const err = await dashboard((q) => refusal(q.query('select * from support.change_user_email($1, $2, $3, $4)', [agent, reason, p.email, `new-${p.id}@test.example`])));
      expect(err).toMatchObject({ code: 'P0001', message: code });
    }
  });
});

describe('support.change_user_email (manual validation: no access to the e-mail address)', () => {
  it('changes the address in Auth and the profile, ends the sessions, audits and tells both addresses', async () => {
    const person = await createPerson('lostmail');
    const account = await createAccount([person], 'Lost Mail GmbH');
    const newEmail = `found-${person.id.slice(0, 8)}@new.example`;
    await dashboard(async (q) => {
      await q.query('insert into auth.sessions (id, user_id, created_at) values ($1, $2, now())', [randomUUID(), person.id]);
      const { rows } = await q.query('select * from support.change_user_email($1, $2, $3, $4)', [AGENT, REASON, person.email.toUpperCase(), ` ${newEmail.toUpperCase()} `]);
      expect(rows).toEqual([{ user_id: person.id, old_email: person.email, new_email: newEmail, sessions_ended: 1 }]);

      const auth = (await q.query('select email, email_confirmed_at is not null as confirmed from auth.users where id = $1', [person.id])).rows[0];
      expect(auth).toEqual({ email: newEmail, confirmed: true });
      expect((await q.query("select email from auth.identities where user_id = $1 and provider = 'email'", [person.id])).rows).toEqual([{ email: newEmail }]);
      expect((await q.query('select email from public.profiles where id = $1', [person.id])).rows).toEqual([{ email: newEmail }]);
      expect((await q.query('select count(*)::int as n from auth.sessions where user_id = $1', [person.id])).rows[0].n).toBe(0);

      expect(await auditOfThisTransaction(q)).toEqual([
        {
          kind: 'user_email_changed', actor_kind: 'support', actor_label: AGENT, reason: REASON, customer_number: account.customerNumber,
          cluster_number: null, subject_email: newEmail, details: { old_email: person.email, new_email: newEmail },
        },
      ]);
      const mails = await outbox(q);
      expect(mails.map((m) => [m.template, m.to_email, m.payload.recipient])).toEqual(
        [['support_email_changed', newEmail, 'new'], ['support_email_changed', person.email, 'old']].sort((a, b) => a[1].localeCompare(b[1])),
      );
      expect(mails[0].payload).toMatchObject({ old_email: person.email, new_email: newEmail });
    });
  });

  it.each([
    ['an unknown current address', () => 'nobody-at-all@nowhere.example', () => 'x@new.example', 'user_not_found'],
    ['an invalid new address', (p: Person) => p.email, () => 'not an address', 'invalid_email'],
    ['the same address', (p: Person) => p.email, (p: Person) => p.email, 'email_unchanged'],
  ])('refuses %s', async (_label, current, next, code) => {
    const p = await createPerson('emailrefusal');
    const err = await dashboard((q) => refusal(q.query('select * from support.change_user_email($1, $2, $3, $4)', [AGENT, REASON, current(p), next(p)])));
    expect(err).toMatchObject({ code: 'P0001', message: code });
    expect(err?.detail).toBeTruthy();
  });

  it('refuses an address another user logs in with, and changes and sends nothing', async () => {
    const [p, other] = await Promise.all([createPerson('taken1'), createPerson('taken2')]);
    await dashboard(async (q) => {
      await q.query('savepoint s');
      const err = await refusal(q.query('select * from support.change_user_email($1, $2, $3, $4)', [AGENT, REASON, p.email, other.email]));
      expect(err).toMatchObject({ message: 'email_taken' });
      await q.query('rollback to savepoint s');
      expect(await outbox(q)).toEqual([]);
      expect((await q.query('select email from auth.users where id = $1', [p.id])).rows[0].email).toBe(p.email);
    });
  });
});

describe('support.replace_manager (the manager left the company)', () => {
  it('new manager with a login: added at once, becomes contact person, departed removed (also as administrator) and told', async () => {
    const [departed, successor] = await Promise.all([createPerson('departed'), createPerson('successor')]);
    const account = await createAccount([departed], 'Solo GmbH');
    const cluster = await createCluster(account);
    await addAdministrator(cluster, departed);
    await dashboard(async (q) => {
      const { rows } = await q.query('select * from support.replace_manager($1, $2, $3, $4, $5)', [AGENT, REASON, account.customerNumber.toLowerCase(), departed.email, successor.email]);
      expect(rows).toEqual([{ outcome: 'replaced', customer_number: account.customerNumber, new_manager_id: successor.id, invitation_id: null, contact_person_email: successor.email }]);
      expect(await managersOf(q, account)).toEqual([successor.email]);
      expect(await contactOf(q, account)).toBe(successor.email);
      expect((await q.query('select count(*)::int as n from public.cluster_administrators where user_id = $1', [departed.id])).rows[0].n).toBe(0);
      expect((await q.query('select previous_contact_id, new_contact_id, changed_by from public.contact_person_changes where account_id = $1', [account.id])).rows)
        .toEqual([{ previous_contact_id: departed.id, new_contact_id: successor.id, changed_by: null }]);

      const audit = await auditOfThisTransaction(q);
      expect(audit.map((e) => [e.kind, e.subject_email])).toEqual([
        ['manager_added', successor.email],
        ['contact_person_changed', successor.email],
        ['administrator_removed', departed.email],
        ['manager_removed', departed.email],
      ]);
      for (const e of audit) expect(e).toMatchObject({ actor_kind: 'support', actor_label: AGENT, reason: REASON, customer_number: account.customerNumber });

      const mails = await outbox(q);
      expect(mails.map((m) => [m.template, m.to_email])).toEqual(
        [['support_manager_removed', departed.email], ['support_manager_added', successor.email]].sort((a, b) => a[1].localeCompare(b[1])),
      );
      expect(mails.find((m) => m.to_email === departed.email)!.payload).toMatchObject({ customer_number: account.customerNumber, new_manager_email: successor.email, removed_now: true });
      expect(mails.find((m) => m.to_email === successor.email)!.payload).toMatchObject({ contact_person: true, departed_email: departed.email });
    });
  });

  it('new address without a login and another manager left: invited, departed removed at once, contact person moves to the new manager on acceptance', async () => {
    const [departed, colleague] = await Promise.all([createPerson('departed2'), createPerson('colleague')]);
    const account = await createAccount([departed, colleague], 'Duo GmbH');
    const invitee = `successor-${randomUUID().slice(0, 8)}@new.example`;
    await dashboard(async (q) => {
      const { rows } = await q.query('select * from support.replace_manager($1, $2, $3, $4, $5)', [AGENT, REASON, account.customerNumber, departed.email, invitee]);
      expect(rows[0]).toMatchObject({ outcome: 'invited', new_manager_id: null, contact_person_email: colleague.email });
      expect(await managersOf(q, account)).toEqual([colleague.email]);

      const mails = await outbox(q);
      const invitation = mails.find((m) => m.template === 'invitation')!;
      expect(invitation).toMatchObject({ to_email: invitee, payload: { role: 'manager', target_number: account.customerNumber, inviter_kind: 'support' } });
      expect(mails.map((m) => [m.template, m.to_email])).toContainEqual(['support_manager_removed', departed.email]);

      const before = await auditOfThisTransaction(q);
      expect(before.map((e) => e.kind)).toEqual(['invitation_created', 'contact_person_changed', 'manager_removed']);

      const newUser = await createLoginIn(q, invitee);
      await acceptAs(q, newUser, invitation.payload.token);
      expect(await managersOf(q, account)).toEqual([colleague.email, invitee].sort());
      expect(await contactOf(q, account)).toBe(invitee);
      const after = (await auditOfThisTransaction(q)).slice(before.length);
      expect(after.map((e) => [e.kind, e.actor_kind])).toEqual([
        ['manager_added', 'user'],
        ['invitation_accepted', 'user'],
        ['contact_person_changed', 'support'],
      ]);
      expect(after[2].reason).toBe(`${REASON} (completed when the new manager accepted)`);
      expect((await q.query('select completed_at is not null as done from app_private.manager_replacements where account_id = $1', [account.id])).rows).toEqual([{ done: true }]);
    });
  });

  it('the only manager and a new address: refused (would leave no manager), unless kept until the new manager accepts', async () => {
    const departed = await createPerson('departed3');
    const account = await createAccount([departed], 'Alone GmbH');
    const invitee = `alone-successor-${randomUUID().slice(0, 8)}@new.example`;
    const err = await dashboard((q) => refusal(q.query('select * from support.replace_manager($1, $2, $3, $4, $5)', [AGENT, REASON, account.customerNumber, departed.email, invitee])));
    expect(err).toMatchObject({ code: 'P0001', message: 'would_leave_no_manager' });
    expect(err?.detail).toContain('p_keep_until_accepted');

    await dashboard(async (q) => {
      const { rows } = await q.query('select * from support.replace_manager($1, $2, $3, $4, $5, p_keep_until_accepted => true)', [AGENT, REASON, account.customerNumber, departed.email, invitee]);
      expect(rows[0]).toMatchObject({ outcome: 'invited_departed_kept_until_accepted', contact_person_email: departed.email });
      expect(await managersOf(q, account)).toEqual([departed.email]);
      const mails = await outbox(q);
      expect(mails.find((m) => m.to_email === departed.email)).toMatchObject({ template: 'support_manager_removed', payload: { removed_now: false } });

      const newUser = await createLoginIn(q, invitee);
      await acceptAs(q, newUser, mails.find((m) => m.template === 'invitation')!.payload.token);
      expect(await managersOf(q, account)).toEqual([invitee]);
      expect(await contactOf(q, account)).toBe(invitee);
      const kinds = (await auditOfThisTransaction(q)).map((e) => `${e.kind}:${e.actor_kind}`);
      expect(kinds).toEqual(['invitation_created:support', 'manager_added:user', 'invitation_accepted:user', 'contact_person_changed:support', 'manager_removed:support']);
    });
  });

  it.each([
    ['an unknown customer number', (a: Account) => 'CN-99999999', (d: Person) => d.email, 'x@new.example', 'account_not_found'],
    ['a departed person who is not a manager there', (a: Account) => a.customerNumber, () => 'stranger@nowhere.example', 'x@new.example', 'not_a_manager'],
    ['an invalid new address', (a: Account) => a.customerNumber, (d: Person) => d.email, 'no address', 'invalid_email'],
    ['the departed manager as their own successor', (a: Account) => a.customerNumber, (d: Person) => d.email, null, 'same_person'],
  ])('refuses %s and changes nothing', async (_label, number, departedEmail, newEmail, code) => {
    const [d, other] = await Promise.all([createPerson('refused-departed'), createPerson('refused-other')]);
    const account = await createAccount([d, other], 'Refusal GmbH');
    await dashboard(async (q) => {
      await q.query('savepoint s');
      const err = await refusal(q.query('select * from support.replace_manager($1, $2, $3, $4, $5)', [AGENT, REASON, number(account), departedEmail(d), newEmail ?? d.email]));
      expect(err).toMatchObject({ code: 'P0001', message: code });
      await q.query('rollback to savepoint s');
      expect(await managersOf(q, account)).toEqual([d.email, other.email].sort());
      expect(await outbox(q)).toEqual([]);
    });
  });
});

describe('support.set_contact_person (on behalf of the customer)', () => {
  it('makes another manager the contact person, records the history, audits and tells both', async () => {
    const [first, second] = await Promise.all([createPerson('contact1'), createPerson('contact2')]);
    const account = await createAccount([first, second], 'Contact GmbH');
    await dashboard(async (q) => {
      const { rows } = await q.query('select * from support.set_contact_person($1, $2, $3, $4)', [AGENT, REASON, account.customerNumber, second.email]);
      expect(rows).toEqual([{ customer_number: account.customerNumber, previous_contact_email: first.email, contact_person_email: second.email }]);
      expect(await contactOf(q, account)).toBe(second.email);
      expect((await q.query('select previous_contact_id, new_contact_id, changed_by from public.contact_person_changes where account_id = $1', [account.id])).rows)
        .toEqual([{ previous_contact_id: first.id, new_contact_id: second.id, changed_by: null }]);
      expect(await auditOfThisTransaction(q)).toEqual([
        expect.objectContaining({
          kind: 'contact_person_changed', actor_kind: 'support', actor_label: AGENT, reason: REASON, subject_email: second.email,
          details: expect.objectContaining({ previous_contact_email: first.email, new_contact_email: second.email }),
        }),
      ]);
      expect((await outbox(q)).map((m) => [m.template, m.to_email, m.payload.recipient]).sort()).toEqual(
        [['support_contact_person_changed', first.email, 'previous'], ['support_contact_person_changed', second.email, 'new']].sort(),
      );
    });
  });

  it('refuses an unknown customer number and someone who is not a manager of the account', async () => {
    const [m, admin] = await Promise.all([createPerson('contact-m'), createPerson('contact-admin')]);
    const account = await createAccount([m], 'Contact Refusal GmbH');
    await addAdministrator(await createCluster(account), admin);
    expect(await dashboard((q) => refusal(q.query('select * from support.set_contact_person($1, $2, $3, $4)', [AGENT, REASON, 'CN-00000', m.email]))))
      .toMatchObject({ message: 'account_not_found' });
    expect(await dashboard((q) => refusal(q.query('select * from support.set_contact_person($1, $2, $3, $4)', [AGENT, REASON, account.customerNumber, admin.email]))))
      .toMatchObject({ message: 'not_a_manager' });
  });
});

describe('support.user_access (everything a user can reach)', () => {
  it('lists accounts as manager (contact person marked), clusters as administrator, clusters through management and open invitations', async () => {
    const [person, other] = await Promise.all([createPerson('reach'), createPerson('reach-other')]);
    const own = await createAccount([person], 'Own GmbH');
    const ownCluster = await createCluster(own, 'own-cluster');
    const foreign = await createAccount([other], 'Foreign AG');
    const foreignCluster = await createCluster(foreign, 'foreign-cluster');
    await addAdministrator(foreignCluster, person);
    const third = await createAccount([other], 'Third KG');
    await adminPool().query(`insert into public.invitations (role, account_id, email, token_hash, expires_at) values ('manager', $1, $2, $3, now() + interval '1 day')`, [third.id, person.email, randomUUID()]);

    const rows = await dashboard(async (q) => (await q.query('select access, customer_number, cluster_number, note from support.user_access($1)', [person.email])).rows);
    expect(rows).toEqual([
      { access: 'manager', customer_number: own.customerNumber, cluster_number: null, note: 'contact person' },
      { access: 'administrator', customer_number: foreign.customerNumber, cluster_number: foreignCluster.clusterNumber, note: null },
      { access: 'administrator_as_manager', customer_number: own.customerNumber, cluster_number: ownCluster.clusterNumber, note: null },
      { access: 'invitation', customer_number: third.customerNumber, cluster_number: null, note: expect.stringMatching(/^manager invitation, pending, expires /) },
    ]);
  });

  it('refuses an address nobody uses', async () => {
    expect(await dashboard((q) => refusal(q.query('select * from support.user_access($1)', ['ghost@nowhere.example'])))).toMatchObject({ message: 'user_not_found' });
  });

  it('support.accounts answers "who manages CN-…?" in one row', async () => {
    const [a, b, admin] = await Promise.all([createPerson('view-a'), createPerson('view-b'), createPerson('view-admin')]);
    const account = await createAccount([a], 'View GmbH');
    await addManager(account, b);
    const c = await createCluster(account, 'view-cluster');
    await addAdministrator(c, admin);
    const row = await dashboard(async (q) => (await q.query('select * from support.accounts where customer_number = $1', [account.customerNumber])).rows[0]);
    expect(row).toMatchObject({
      company_name: 'View GmbH', contact_person_email: a.email, managers: [a.email, b.email].sort().join(', '),
      clusters: `${c.clusterNumber} view-cluster`, cluster_administrators: admin.email, pending_invitations: '0',
    });
  });
});
