// "Edit data" → contact person through the Worker against the real local stack: the caller's JWT decides,
// the change is recorded, the previous and the new contact person get an e-mail; refusals change nothing
// and send nothing. Also the access check the other centers call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../worker/src/app.ts';
import { signIn } from '../support/clients.ts';
import { adminPool, closeAdminPool } from '../support/sql.ts';
import { stack } from '../support/stack-info.ts';
import { addManager, createAccount, createPerson, createWorld, TEST_PASSWORD, type Account, type Person, type World } from '../support/world.ts';
import { workerEnv } from '../support/worker-env.ts';

let w: World;
const tokens = new Map<string, string>();
const app = createApp();
const env = () => workerEnv({ SUPPORT_EMAIL: 'support@example.test' });

beforeAll(async () => {
  w = await createWorld();
  for (const p of [w.manager, w.coManager, w.otherManager, w.adminOne, w.nobody]) tokens.set(p.id, (await signIn(p.email, TEST_PASSWORD)).accessToken);
});
afterAll(closeAdminPool);

const token = (p: Person) => tokens.get(p.id)!;
const post = (as: Person | null, accountId: string, body: unknown) =>
  app.request(
    `/api/accounts/${accountId}/contact-person`,
    { method: 'POST', headers: { 'Content-Type': 'application/json', ...(as ? { Authorization: `Bearer ${token(as)}` } : {}) }, body: JSON.stringify(body) },
    env(),
  );
const mailsTo = async (address: string) =>
  (await (await fetch(`${stack().mailboxUrl}/api/messages?to=${encodeURIComponent(address)}`)).json()) as { subject: string; text: string }[];
const contactOf = async (a: Account) => (await adminPool().query('select contact_person_id from public.customer_accounts where id = $1', [a.id])).rows[0].contact_person_id;
const history = async (a: Account) => (await adminPool().query('select previous_contact_id, new_contact_id, changed_by from public.contact_person_changes where account_id = $1 order by changed_at', [a.id])).rows;

describe('POST /api/accounts/:accountId/contact-person', () => {
  it('a manager makes a co-manager the contact person: stored, recorded, both are mailed, invoices keep the old name', async () => {
    const [first, second] = await Promise.all([createPerson('cp-first'), createPerson('cp-second')]);
    await adminPool().query(`update public.profiles set display_name = 'Petra Previous', language = 'en' where id = $1`, [first.id]);
    await adminPool().query(`update public.profiles set display_name = 'Nora New', language = 'de' where id = $1`, [second.id]);
    const account = await createAccount([first, second], 'Kontakt GmbH');
    const cluster = (await adminPool().query<{ id: string }>('insert into public.clusters (account_id, name) values ($1, $2) returning id', [account.id, 'cp'])).rows[0];
    await adminPool().query(`insert into public.contracts (account_id, cluster_id, product_name, starts_on, term_months, monthly_price_cents) values ($1, $2, 'Managed Cluster S', '2026-01-01', 1, 14900)`, [account.id, cluster.id]);
    const old = (await adminPool().query(`select id from public.issue_invoice($1, '2026-10-01', '2026-10-31')`, [account.id])).rows[0];
    const { accessToken } = await signIn(first.email, TEST_PASSWORD);
    tokens.set(first.id, accessToken);

    const res = await post(first, account.id, { userId: second.id });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accountId: account.id, previousContactId: first.id, contactPersonId: second.id, changed: true, notified: expect.arrayContaining([second.email, first.email]) }); // the outbox delivers in no fixed order
    expect(await contactOf(account)).toBe(second.id);
    expect(await history(account)).toEqual([{ previous_contact_id: first.id, new_contact_id: second.id, changed_by: first.id }]);

    const [toNew] = await mailsTo(second.email);
    expect(toNew.subject).toBe(`Sie sind jetzt Ansprechpartner für ${account.customerNumber} – Example Hosting`);
    expect(toNew.text).toContain(`Petra Previous hat Sie als Ansprechpartner des Kundenkontos ${account.customerNumber} (Kontakt GmbH)`);
    const [toOld] = await mailsTo(first.email);
    expect(toOld.subject).toBe(`New contact person for ${account.customerNumber} – Example Hosting`);
    expect(toOld.text).toContain(`Petra Previous has made Nora New the new contact person of customer account ${account.customerNumber}`);

    const next = (await adminPool().query(`select contact_person_name from public.issue_invoice($1, '2026-11-01', '2026-11-30')`, [account.id])).rows[0];
    expect(next.contact_person_name).toBe('Nora New');
    expect((await adminPool().query('select contact_person_name from public.invoices where id = $1', [old.id])).rows[0].contact_person_name).toBe('Petra Previous');
  });

  it.each([
    ['an administrator of the account\'s cluster', () => w.adminOne],
    ['a manager of another account', () => w.otherManager],
    ['a user without any role', () => w.nobody],
  ])('refuses %s with 403 not_allowed: nothing changed, nothing recorded, no mail', async (_label, who) => {
    const res = await post(who(), w.accountA.id, { userId: w.coManager.id });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'not_allowed', message: expect.any(String) } });
    expect(await contactOf(w.accountA)).toBe(w.manager.id);
    expect(await history(w.accountA)).toEqual([]);
    expect(await mailsTo(w.coManager.email)).toEqual([]);
    expect(await mailsTo(w.manager.email)).toEqual([]);
  });

  it.each([
    ['an administrator', () => w.adminOne],
    ['another account\'s manager', () => w.otherManager],
    ['a user without role', () => w.nobody],
  ])('refuses %s as the new contact person with 400 contact_not_manager (the database checks it)', async (_label, who) => {
    const res = await post(w.manager, w.accountA.id, { userId: who().id });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('contact_not_manager');
    expect(await contactOf(w.accountA)).toBe(w.manager.id);
    expect(await mailsTo(who().email)).toEqual([]);
  });

  it('a manager removed after signing in is refused at once', async () => {
    const leaver = await createPerson('cp-leaver');
    await addManager(w.accountB, leaver);
    tokens.set(leaver.id, (await signIn(leaver.email, TEST_PASSWORD)).accessToken);
    await adminPool().query('delete from public.account_managers where account_id = $1 and user_id = $2', [w.accountB.id, leaver.id]);
    expect((await post(leaver, w.accountB.id, { userId: w.otherManager.id })).status).toBe(403);
  });

  it('refuses a request without token with 401', async () => {
    expect((await post(null, w.accountA.id, { userId: w.coManager.id })).status).toBe(401);
  });
});

describe('GET /api/access (for the Managed and Monitoring Center)', () => {
  const access = (as: Person, cluster: string) => app.request(`/api/access?cluster=${encodeURIComponent(cluster)}`, { headers: { Authorization: `Bearer ${token(as)}` } }, env());

  it('answers manager, administrator or none, from what RLS lets the caller read', async () => {
    const manager = (await (await access(w.manager, w.a1.clusterNumber)).json()) as { role: string; rights: Record<string, boolean>; clusterId: string };
    expect(manager).toMatchObject({ role: 'manager', clusterId: w.a1.id, rights: { invoices: true, manageAdministrators: true, managedCenter: true } });
    const admin = (await (await access(w.adminOne, w.a1.id)).json()) as { cluster: string; role: string; rights: Record<string, boolean> };
    expect(admin).toMatchObject({ cluster: w.a1.clusterNumber, role: 'administrator', rights: { managedCenter: true, monitoringCenter: true, invoices: false, orders: false, manageManagers: false } });
    const none = (await (await access(w.adminOne, w.b1.clusterNumber)).json()) as { role: string | null; rights: Record<string, boolean> };
    expect(none.role).toBeNull();
    expect(Object.values(none.rights).some(Boolean)).toBe(false);
    const other = (await (await access(w.otherManager, w.a1.clusterNumber)).json()) as { role: string | null };
    expect(other.role).toBeNull();
  });
});
