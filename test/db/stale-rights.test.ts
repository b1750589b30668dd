// A manager removed while their own request waits for the account lock must not act on the rights they
// had when the request began.
import { afterAll, describe, expect, it } from 'vitest';
import { adminPool, closeAdminPool } from '../support/sql.ts';
import { addManager, createAccount, createPerson, isManager, type Person } from '../support/world.ts';

afterAll(closeAdminPool);

async function asUser(p: Person) {
  const c = await adminPool().connect();
  await c.query('begin');
  await c.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: p.id, role: 'authenticated' })]);
  return c;
}

describe('rights are re-checked after the account lock', () => {
  it.each([
    ['remove_manager', (account: string, target: string) => ['select * from public.remove_manager($1, $2)', [account, target]] as const],
    ['set_contact_person', (account: string, target: string) => ['select * from public.set_contact_person($1, $2)', [account, target]] as const],
  ])('%s by a manager removed meanwhile is refused', async (_name, call) => {
    const [boss, victim, third] = [await createPerson('stale-boss'), await createPerson('stale-victim'), await createPerson('stale-third')];
    const account = await createAccount([boss, victim, third]);
    // boss holds the account lock while removing victim …
    const bossTx = await asUser(boss);
    await bossTx.query('select * from public.remove_manager($1, $2)', [account.id, victim.id]);
    // … while victim's own request (begun before the removal commits) waits for that lock
    const victimTx = await asUser(victim);
    const [sql, args] = call(account.id, third.id);
    const pending = victimTx.query(sql, [...args]).then(
      () => 'done',
      (e: { message: string }) => e.message,
    );
    await new Promise((r) => setTimeout(r, 200));
    await bossTx.query('commit');
    bossTx.release();
    const outcome = await pending;
    await victimTx.query('rollback');
    victimTx.release();
    expect(outcome).toBe('not_allowed');
    expect(await isManager(account, third)).toBe(true);
    const { rows } = await adminPool().query('select contact_person_id from public.customer_accounts where id = $1', [account.id]);
    expect(rows[0].contact_person_id).toBe(boss.id);
  });
});
