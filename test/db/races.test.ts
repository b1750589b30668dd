// Rules that span rows, under real concurrency: two connections at once, committed, 50 rounds each.
// Zero invariant breaks allowed.
import { afterAll, describe, expect, it } from 'vitest';
import { adminPool, asActorCommitted, closeAdminPool } from '../support/sql.ts';
import { addManager, createAccount, createCluster, createPerson, type Person } from '../support/world.ts';

afterAll(closeAdminPool);

const ROUNDS = 50;
const as = (p: Person) => ({ role: 'authenticated' as const, userId: p.id, email: p.email });
const outcome = (p: Promise<{ rowCount: number | null }>) => p.then((r) => (r.rowCount ? 'changed' : 'nothing'), (e: { message: string }) => e.message);

describe('races', () => {
  it(`${ROUNDS} rounds of two managers removing each other leave exactly one manager`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [p, q] = [await createPerson('race-p'), await createPerson('race-q')];
      const account = await createAccount([p, q], 'Race GmbH', { contact: false });
      const remove = (actor: Person, target: Person) =>
        outcome(asActorCommitted(as(actor), (c) => c.query('select * from public.remove_manager($1, $2)', [account.id, target.id])));
      const results = await Promise.all([remove(p, q), remove(q, p)]);
      const { rows } = await adminPool().query('select user_id from public.account_managers where account_id = $1', [account.id]);
      expect(rows.length, `round ${round}: ${results}`).toBe(1);
      // the later one hits the guard, or (if the earlier had committed before it began) is no manager any more
      expect(results.filter((r) => r === 'changed')).toHaveLength(1);
      expect(results.filter((r) => r !== 'changed')).toEqual([expect.stringMatching(/^(last_manager|not_allowed)$/)]);
    }
  });

  it(`${ROUNDS} rounds of two parallel acceptances of one invitation create exactly one membership`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const manager = await createPerson('race-inviter');
      const account = await createAccount([manager]);
      const cluster = await createCluster(account);
      const invitee = await createPerson('race-invitee');
      const { rows } = await asActorCommitted(as(manager), (c) =>
        c.query<{ token: string }>('select token from public.create_invitation($1, $2, $3)', ['administrator', cluster.id, invitee.email]),
      );
      const accept = () => outcome(asActorCommitted(as(invitee), (c) => c.query('select * from public.accept_invitation($1)', [rows[0].token])));
      const results = await Promise.all([accept(), accept()]);
      expect(results.sort(), `round ${round}`).toEqual(['changed', 'invitation_used']);
      const count = await adminPool().query('select count(*)::int as n from public.cluster_administrators where cluster_id = $1 and user_id = $2', [cluster.id, invitee.id]);
      expect(count.rows[0].n).toBe(1);
    }
  });

  it(`${ROUNDS} rounds of a contact-person change racing the removal of that person keep the contact a manager`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [contact, other, third] = [await createPerson('race-contact'), await createPerson('race-other'), await createPerson('race-third')];
      const account = await createAccount([contact, other, third]);
      // `other` makes `third` the contact person while `third`… is removed by `contact` at the same moment.
      const change = outcome(asActorCommitted(as(other), (c) => c.query('select * from public.set_contact_person($1, $2)', [account.id, third.id])));
      const removal = outcome(
        asActorCommitted(as(contact), (c) => c.query('select * from public.remove_manager($1, $2)', [account.id, third.id])),
      );
      const results = await Promise.all([change, removal]);
      const { rows } = await adminPool().query(
        `select a.contact_person_id, exists (select 1 from public.account_managers m where m.account_id = a.id and m.user_id = a.contact_person_id) as contact_is_manager
           from public.customer_accounts a where a.id = $1`,
        [account.id],
      );
      expect(rows[0].contact_is_manager, `round ${round}: ${results}`).toBe(true);
      // exactly one of the two wins: either third became contact (and the removal was refused) or third is gone
      // (and the change was refused because third is no manager any more)
      expect(results.filter((r) => r === 'changed'), `round ${round}: ${results}`).toHaveLength(1);
      expect(['contact_person_cannot_be_removed', 'contact_not_manager']).toContain(results.find((r) => r !== 'changed'));
    }
  });

  it('a manager may leave while another manager remains', async () => {
    const [stay, leave] = [await createPerson('stay'), await createPerson('leave')];
    const account = await createAccount([stay]);
    await addManager(account, leave);
    const result = await outcome(
      asActorCommitted(as(leave), (c) => c.query('select * from public.remove_manager($1, $2)', [account.id, leave.id])),
    );
    expect(result).toBe('changed');
  });
});
