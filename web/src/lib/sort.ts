/** Compares "CN-1001" < "CN-10010" < "CN-2000" by number, falling back to text. */
export function compareNumbered(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

export interface MemberLike {
  email: string | null;
  is_contact_person?: boolean | null;
}

/** The contact person first, then by e-mail address. */
export function sortMembers<T extends MemberLike>(members: readonly T[]): T[] {
  return [...members].sort((a, b) => {
    const contact = Number(!!b.is_contact_person) - Number(!!a.is_contact_person);
    if (contact !== 0) return contact;
    return (a.email ?? '').localeCompare(b.email ?? '', 'en', { sensitivity: 'base' });
  });
}
