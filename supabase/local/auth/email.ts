// Address validation as GoTrue's validateEmail: required, at most 255 characters, a plausible format, lower-cased.
import { errors } from './errors.ts';

const PLAUSIBLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validEmail(raw: string | undefined): string {
  if (!raw) throw errors.validation('An email address is required');
  if (raw.length > 255) throw errors.validation('An email address is too long');
  if (!PLAUSIBLE_EMAIL.test(raw)) throw errors.validation('Unable to validate email address: invalid format');
  return raw.toLowerCase();
}
