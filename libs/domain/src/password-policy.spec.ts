import { COMMON_PASSWORDS } from './common-passwords';
import { isCommonPassword, passwordProblem } from './password-policy';

describe('password policy', () => {
  it('ships exactly the 10,000 most common passwords, most common first', () => {
    expect(COMMON_PASSWORDS).toHaveLength(10_000);
    expect(new Set(COMMON_PASSWORDS).size).toBe(10_000);
    expect(COMMON_PASSWORDS.slice(0, 3)).toEqual(['123456', 'password', '12345678']);
  });

  it('accepts a long, uncommon password that does not contain the email', () => {
    expect(passwordProblem('improve-together', 'kpo.rxw@example.nhs.uk')).toBeNull();
    expect(passwordProblem('Correct-Horse-Battery-Staple', 'ann@x.nhs.uk')).toBeNull();
    expect(passwordProblem('twelve chars')).toBeNull();
  });

  it('refuses fewer than 12 characters, counting characters rather than UTF-16 units', () => {
    expect(passwordProblem('elevenchars')).toMatch(/^password must be at least 12 characters/);
    expect(passwordProblem('🚑'.repeat(6))).toMatch(/at least 12 characters/);
    expect(passwordProblem('🚑'.repeat(12))).toBeNull();
  });

  it('refuses the common list whatever the case, including its long entries', () => {
    expect(isCommonPassword('qwerty123456')).toBe(true);
    expect(passwordProblem('QWERTY123456')).toMatch(/^password is one of the 10,000 most common/);
    expect(passwordProblem('1qaz2wsx3edc')).toMatch(/most common/);
    expect(passwordProblem('leavemealone')).toMatch(/most common/);
    expect(isCommonPassword('improve-together')).toBe(false);
  });

  it("refuses a password containing the email's local part, case-insensitively", () => {
    expect(passwordProblem('my-Jane.Doe-password', 'jane.doe@trust.nhs.uk')).toMatch(
      /^password must not contain the part of the email/,
    );
    expect(passwordProblem('JANE.DOE.2025.secure', 'Jane.Doe@trust.nhs.uk')).toMatch(/must not contain/);
    expect(passwordProblem('completely-different', 'jane.doe@trust.nhs.uk')).toBeNull();
  });
});
