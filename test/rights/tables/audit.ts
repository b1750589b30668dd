// The audit log (issue: support staff work from the dashboard): managers read the log of their own accounts
// (including the entries about its clusters); administrators, other accounts' managers and anon see nothing;
// nobody changes or deletes entries through the API.
import { expect } from 'vitest';
import { adminPool } from '../../support/sql.ts';
import { ja, read, type Probe, type RightRow } from '../probes.ts';

/** Forging the log over REST: granted = an entry changed or disappeared; refused = an error and the entries unchanged. */
const changeAuditLog: Probe = async ({ w, db, actor }) => {
  const count = async () => (await adminPool().query(`select count(*)::int as n, count(*) filter (where reason = 'forged')::int as forged from audit.events where account_id = $1`, [w.accountA.id])).rows[0];
  const before = await count();
  expect(before.n).toBeGreaterThan(0);
  const update = await db.from('audit_log').update({ reason: 'forged' }).eq('account_id', w.accountA.id).select('id');
  const remove = await db.from('audit_log').delete().eq('account_id', w.accountA.id).select('id');
  for (const r of [update, remove]) {
    expect(r.error).not.toBeNull();
    expect(r.status).toBe(actor === 'anon' ? 401 : 403);
  }
  const after = await count();
  return after.n !== before.n || after.forged > 0;
};

export const RIGHTS: RightRow[] = [
  { right: 'See the audit log (Activity) of account A', covers: ['audit_log'], probe: read('audit_log', (w) => ({ account_id: w.accountA.id })), expected: ja('manager') },
  { right: 'See the audit log entries about cluster a1 (account A)', covers: ['audit_log'], probe: read('audit_log', (w) => ({ cluster_id: w.a1.id })), expected: ja('manager') },
  { right: 'See the audit log of account B', covers: ['audit_log'], probe: read('audit_log', (w) => ({ account_id: w.accountB.id })), expected: ja('otherManager') },
  { right: 'Change or delete audit log entries of account A', covers: ['audit_log'], probe: changeAuditLog, expected: ja() },
];
