// FAQ rights of user administration (issue: main job): cluster access, managers, administrators.
import { acceptForeignInvitation, changeContactPerson, invite, ja, read, removeAdministrator, removeManagerDirectly, removeManagerRpc, seeOtherAdministrators, type RightRow } from '../probes.ts';

export const RIGHTS: RightRow[] = [
  // FAQ: Configuration in the Managed Center / Monitoring in the Monitoring Center: access to the cluster.
  { right: 'Managed/Monitoring Center: reach cluster a1 of account A', covers: ['clusters'], probe: read('clusters', (w) => ({ id: w.a1.id })), expected: ja('manager', 'adminOne') },
  { right: 'Managed/Monitoring Center: reach cluster a2 of account A', covers: ['clusters'], probe: read('clusters', (w) => ({ id: w.a2.id })), expected: ja('manager', 'adminTwo') },
  { right: 'Managed/Monitoring Center: reach cluster b1 of account B', covers: ['clusters'], probe: read('clusters', (w) => ({ id: w.b1.id })), expected: ja('otherManager', 'adminTwo') },
  { right: 'Overview lists cluster a1 (my_clusters)', covers: ['my_clusters'], probe: read('my_clusters', (w) => ({ id: w.a1.id })), expected: ja('manager', 'adminOne') },
  { right: 'Overview lists cluster b1 (my_clusters)', covers: ['my_clusters'], probe: read('my_clusters', (w) => ({ id: w.b1.id })), expected: ja('otherManager', 'adminTwo') },
  // Commercial data lives on the customer account: managers only.
  { right: 'See customer account A (contracts, invoices, orders belong to it)', covers: ['customer_accounts'], probe: read('customer_accounts', (w) => ({ id: w.accountA.id })), expected: ja('manager') },
  { right: 'See customer account B', covers: ['customer_accounts'], probe: read('customer_accounts', (w) => ({ id: w.accountB.id })), expected: ja('otherManager') },
  // FAQ: Add / remove managers from a client account.
  { right: 'Manage managers: see the managers of A', covers: ['manager_list'], probe: read('manager_list', (w) => ({ account_id: w.accountA.id, user_id: w.coManager.id })), expected: ja('manager') },
  { right: 'Manage managers: see the membership rows of A', covers: ['account_managers'], probe: read('account_managers', (w) => ({ account_id: w.accountA.id, user_id: w.coManager.id })), expected: ja('manager') },
  { right: 'Add manager to A (Invite manager)', covers: ['create_invitation'], probe: invite('manager', (w) => w.accountA.id), expected: ja('manager') },
  { right: 'Remove manager from A (the x: remove_manager)', covers: ['remove_manager'], probe: removeManagerRpc, expected: ja('manager') },
  { right: 'Delete a manager row directly (bypassing remove_manager)', covers: ['account_managers'], probe: removeManagerDirectly, expected: ja() },
  // FAQ: "Managers of a customer account can independently exchange the contact person" (Edit data).
  { right: 'Change the contact person of A', covers: ['set_contact_person'], probe: changeContactPerson, expected: ja('manager') },
  { right: 'See the open invitations of A', covers: ['invitations'], probe: read('invitations', (w) => ({ account_id: w.accountA.id }), 'id,email,expires_at'), expected: ja('manager') },
  // FAQ: Add / remove administrator from cluster.
  { right: 'Manage administrators: see the administrators of a1', covers: ['administrator_list', 'cluster_administrators'], probe: seeOtherAdministrators, expected: ja('manager') },
  { right: 'Add administrator to a1 (Invite administrator)', covers: ['create_invitation'], probe: invite('administrator', (w) => w.a1.id), expected: ja('manager') },
  { right: 'Add administrator to b1 (another account’s cluster)', covers: ['create_invitation'], probe: invite('administrator', (w) => w.b1.id), expected: ja('otherManager') },
  { right: 'Remove administrator from a1 (the x)', covers: ['cluster_administrators'], probe: removeAdministrator, expected: ja('manager') },
  // People
  { right: 'See the profile of a co-manager of A', covers: ['profiles'], probe: read('profiles', (w) => ({ id: w.coManager.id }), 'id,email'), expected: ja('manager') },
  { right: 'Accept an invitation bound to another address', covers: ['accept_invitation'], probe: acceptForeignInvitation, expected: ja() },
];

