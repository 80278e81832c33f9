// Pure: whether a new password is acceptable (SPEC §6). At least 12 characters, not one of the
// 10,000 most common passwords, and not containing the local part of the account's email.
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;

let common: Set<string> | undefined;

/** Whether a password is on the shipped list of the 10,000 most common (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(COMMON_PASSWORDS);
  return common.has(password.toLowerCase());
}

/**
 * The rule a password breaks, as a plain-English sentence starting with `password`, or null when it
 * is acceptable. Length counts characters as people see them (code points), not UTF-16 units.
 */
export function passwordProblem(password: string, email?: string | null): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return `password must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  }
  if (isCommonPassword(password)) {
    return 'password is one of the 10,000 most common passwords; choose one that is harder to guess';
  }
  const local = (email ?? '').split('@')[0].trim().toLowerCase();
  if (local.length > 0 && password.toLowerCase().includes(local)) {
    return 'password must not contain the part of the email address before the @';
  }
  return null;
}
