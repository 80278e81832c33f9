import {
  claimIncludes,
  displayNameOf,
  emailForNewUser,
  firstMatchingRule,
  SignInRule,
  verifiedEmail,
} from './rule-match';

const rule = (id: string, claim: string, equals: string): SignInRule => ({
  id,
  claim,
  equals,
  role: 'improvement_team',
  trustId: 't',
});

describe('claimIncludes', () => {
  it('compares scalars exactly and looks inside lists', () => {
    expect(claimIncludes('RXW-Improvement', 'RXW-Improvement')).toBe(true);
    expect(claimIncludes('rxw-improvement', 'RXW-Improvement')).toBe(false);
    expect(claimIncludes(['a', 'RXW-Improvement'], 'RXW-Improvement')).toBe(true);
    expect(claimIncludes(['a', 'b'], 'RXW-Improvement')).toBe(false);
    expect(claimIncludes(true, 'true')).toBe(true);
    expect(claimIncludes(42, '42')).toBe(true);
    expect(claimIncludes({ RXW: 1 }, 'RXW')).toBe(false);
    expect(claimIncludes(null, 'null')).toBe(false);
    expect(claimIncludes([['nested']], 'nested')).toBe(false);
  });
});

describe('firstMatchingRule', () => {
  const rules = [rule('1', 'groups', 'kpo'), rule('2', 'email', 'a@x.nhs.uk'), rule('3', 'groups', 'team')];

  it('tries rules in order and returns the first match', () => {
    expect(firstMatchingRule(rules, { groups: ['team', 'kpo'] })?.id).toBe('1');
    expect(firstMatchingRule(rules, { groups: ['team'], email: 'a@x.nhs.uk' })?.id).toBe('2');
    expect(firstMatchingRule(rules, { groups: ['team'] })?.id).toBe('3');
  });

  it('returns null when nothing matches, including a missing claim', () => {
    expect(firstMatchingRule(rules, { groups: ['other'] })).toBeNull();
    expect(firstMatchingRule(rules, {})).toBeNull();
    expect(firstMatchingRule([], { groups: ['kpo'] })).toBeNull();
  });

  it('never matches inherited properties', () => {
    expect(firstMatchingRule([rule('x', 'constructor', 'function Object() { [native code] }')], {})).toBeNull();
  });
});

describe('emails and names', () => {
  it('accepts an email only when the provider verified it', () => {
    expect(verifiedEmail({ email: 'A@X.nhs.uk', email_verified: true })).toBe('a@x.nhs.uk');
    expect(verifiedEmail({ email: 'a@x.nhs.uk', xms_edov: true })).toBe('a@x.nhs.uk');
    expect(verifiedEmail({ email: 'a@x.nhs.uk' })).toBeNull();
    expect(verifiedEmail({ email: 'a@x.nhs.uk', email_verified: 'true' })).toBeNull();
    expect(verifiedEmail({ email: 'not an email', email_verified: true })).toBeNull();
  });

  it('provisions with email, else preferred_username', () => {
    expect(emailForNewUser({ email: 'B@x.nhs.uk' })).toBe('b@x.nhs.uk');
    expect(emailForNewUser({ preferred_username: 'c@x.nhs.uk' })).toBe('c@x.nhs.uk');
    expect(emailForNewUser({ preferred_username: 'c' })).toBeNull();
  });

  it('names the person from name, given and family name, or the email', () => {
    expect(displayNameOf({ name: ' Ada Lovelace ' }, 'a@x')).toBe('Ada Lovelace');
    expect(displayNameOf({ given_name: 'Ada', family_name: 'L' }, 'a@x')).toBe('Ada L');
    expect(displayNameOf({}, 'ada@x')).toBe('ada');
  });
});
