/** "julia.meier@example.com" → "j•••@example.com": enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const value = email.trim();
  const at = value.lastIndexOf('@');
  if (at <= 0) return value ? '•••' : '';
  return `${value[0]}•••${value.slice(at)}`;
}
