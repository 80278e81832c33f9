import type { Actor } from '../actor';
import type { OidcRulesRepository } from './oidc-rules.repository';
import { OidcRulesService } from './oidc-rules.service';
import { safeReturnTo } from './oidc.service';

const admin: Actor = { id: 'a', email: 'admin@x', name: 'Admin', role: 'admin', trustId: null };
const TRUST = '6f1c1b8e-0000-4000-8000-000000000001';

function service(trustExists = true) {
  const repo = {
    trustExists: jest.fn(async () => trustExists),
    create: jest.fn(async (_actor: Actor, rule: object) => ({ id: 'r', position: 1, ...rule })),
    remove: jest.fn(async () => false),
  };
  return { repo, rules: new OidcRulesService(repo as unknown as OidcRulesRepository) };
}

const messageOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { getResponse: () => { message: unknown } }) => String(error.getResponse().message),
  );

describe('OidcRulesService.create', () => {
  it('needs a trust for the trust roles and none for the programme roles', async () => {
    const { rules, repo } = service();
    await expect(messageOf(rules.create(admin, { claim: 'groups', equals: 'x', role: 'kpo_lead' }))).resolves.toMatch(
      /^trustId: role kpo_lead belongs to one trust/,
    );
    await expect(
      messageOf(rules.create(admin, { claim: 'groups', equals: 'x', role: 'regulator', trustId: TRUST })),
    ).resolves.toMatch(/^trustId: role regulator is programme-wide/);
    expect(repo.create).not.toHaveBeenCalled();
  });

  it('refuses a trust that does not exist', async () => {
    const { rules, repo } = service(false);
    await expect(
      messageOf(rules.create(admin, { claim: 'groups', equals: 'x', role: 'improvement_team', trustId: TRUST })),
    ).resolves.toMatch(/^trustId: there is no trust/);
    expect(repo.create).not.toHaveBeenCalled();
  });

  it('stores a valid rule with a null trust for programme roles', async () => {
    const { rules, repo } = service();
    await rules.create(admin, { claim: 'roles', equals: 'Kaizen.Admin', role: 'admin' });
    expect(repo.create).toHaveBeenCalledWith(admin, {
      claim: 'roles',
      equals: 'Kaizen.Admin',
      role: 'admin',
      trustId: null,
    });
  });

  it('answers 404 for a rule that is not there', async () => {
    const { rules } = service();
    await expect(rules.remove(admin, 'r')).rejects.toMatchObject({ status: 404 });
  });
});

describe('safeReturnTo', () => {
  it('keeps paths inside the web app and drops everything else', () => {
    expect(safeReturnTo('/waste/new?x=1')).toBe('/waste/new?x=1');
    expect(safeReturnTo('/')).toBe('/');
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/\\evil',
      'waste',
      '/api/audit',
      '/a b',
      7,
      undefined,
    ]) {
      expect(safeReturnTo(bad)).toBe('/');
    }
    expect(safeReturnTo(`/${'a'.repeat(600)}`)).toBe('/');
  });
});
