import type { MessageKey } from '../i18n';

export type Role = 'manager' | 'administrator';

export function isRole(value: unknown): value is Role {
  return value === 'manager' || value === 'administrator';
}

/** Dictionary key for a role's display name ("Manager" / "Administrator"). */
export function roleKey(role: Role): MessageKey {
  return role === 'manager' ? 'role.manager' : 'role.administrator';
}

/** Only managers of the cluster's customer account may manage its administrators. */
export function canManageAdministrators(myRole: string | null | undefined): boolean {
  return myRole === 'manager';
}
