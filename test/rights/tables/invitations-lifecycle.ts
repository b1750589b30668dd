// Rights of the invitation lifecycle and the notification settings (issue: invitation lifecycle and
// notifications): only managers of the account see, resend and revoke its invitations; every signed-in user
// sees and changes only their own notification settings, and nobody can turn off a security notification.
import { expect } from 'vitest';
import { adminPool, asActorCommitted } from '../../support/sql.ts';
import type { World } from '../../support/world.ts';
import { ja, read, type Actor, type Probe, type RightRow } from '../probes.ts';

const signedIn = ja('nobody', 'adminOne', 'adminTwo', 'manager', 'otherManager');

/** An open invitation to account A, made by the co-manager (so the manager's hourly invitation limit is not used up). */
async function openInvitation(w: World, actor: Actor): Promise<string> {
  const { rows } = await asActorCommitted({ role: 'authenticated', userId: w.coManager.id }, (q) =>
    q.query<{ invitation_id: string }>(`select invitation_id from public.create_invitation('manager', $1, $2)`, [w.accountA.id, `lifecycle-${actor}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`]),
  );
  return rows[0].invitation_id;
}

/** resend_invitation / revoke_invitation over RPC: granted = no error; refused = 403 not_allowed (anon 401), nothing changed. */
const invitationRpc =
  (fn: 'resend_invitation' | 'revoke_invitation'): Probe =>
  async ({ w, db, actor }) => {
    const id = await openInvitation(w, actor);
    const { error, status } = await db.rpc(fn, { p_invitation_id: id });
    const revoked = (await adminPool().query('select revoked_at is not null as r from public.invitations where id = $1', [id])).rows[0].r;
    if (error) {
      expect(status).toBe(actor === 'anon' ? 401 : 403);
      if (actor !== 'anon') expect(error.message).toBe('not_allowed');
      expect(revoked).toBe(false);
      return false;
    }
    expect(revoked).toBe(fn === 'revoke_invitation');
    return true;
  };

/** Turning off one's own "administrator added" notice (and on again): granted = the row was stored. */
const turnOffOwn: Probe = async ({ w, db, actor }) => {
  const { error, status } = await db.from('notification_opt_outs').insert({ kind: 'administrator_added' }).select();
  if (error) {
    expect(actor).toBe('anon');
    expect(status).toBe(401);
    return false;
  }
  const me = w[actor as Exclude<Actor, 'anon'>].id;
  const { data } = await db.from('notification_opt_outs').delete().eq('user_id', me).eq('kind', 'administrator_added').select();
  expect(data).toHaveLength(1);
  return true;
};

/** Turning off someone else's notice: refused by RLS (403 42501; anon 401). */
const turnOffOthers: Probe = async ({ w, db, actor }) => {
  const victim = actor === 'manager' ? w.coManager : w.manager;
  const { error, status } = await db.from('notification_opt_outs').insert({ user_id: victim.id, kind: 'manager_added' });
  expect(error).not.toBeNull();
  expect(status).toBe(actor === 'anon' ? 401 : 403);
  expect((await adminPool().query('select 1 from public.notification_opt_outs where user_id = $1', [victim.id])).rowCount).toBe(0);
  return false;
};

/** Turning off a security notification (removal): refused by the check constraint (400 23514; anon 401). */
const turnOffSecurity: Probe = async ({ db, actor }) => {
  const { error, status } = await db.from('notification_opt_outs').insert({ kind: 'manager_removed' });
  expect(error).not.toBeNull();
  expect(status).toBe(actor === 'anon' ? 401 : 400);
  if (actor !== 'anon') expect(error!.code).toBe('23514');
  return false;
};

/** Seeing an open invitation of A in the Manage dialog's list: granted = the row (with its state) comes back. */
const seeOpenInvitation: Probe = async (ctx) => {
  const id = await openInvitation(ctx.w, ctx.actor);
  return read('open_invitations', () => ({ id, state: 'pending' }), 'id,email,state,delivery,expires_at')(ctx);
};

export const RIGHTS: RightRow[] = [
  { right: 'Manage managers: see the open invitations of A with their state', covers: ['open_invitations'], probe: seeOpenInvitation, expected: ja('manager') },
  { right: 'Resend an invitation of A', covers: ['resend_invitation'], probe: invitationRpc('resend_invitation'), expected: ja('manager') },
  { right: 'Revoke an invitation of A', covers: ['revoke_invitation'], probe: invitationRpc('revoke_invitation'), expected: ja('manager') },
  { right: 'Account settings: see my notifications', covers: ['my_notification_settings'], probe: read('my_notification_settings', () => ({ kind: 'manager_removed' })), expected: signedIn },
  { right: 'Account settings: turn off my "administrator added" notice', covers: ['notification_opt_outs'], probe: turnOffOwn, expected: signedIn },
  { right: 'Turn off another user\'s notice', covers: ['notification_opt_outs'], probe: turnOffOthers, expected: ja() },
  { right: 'Turn off a security notification (removal)', covers: ['notification_opt_outs'], probe: turnOffSecurity, expected: ja() },
];
