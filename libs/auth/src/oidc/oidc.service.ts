// Single sign-on with OpenID Connect (authorization code + PKCE S256, state and nonce), through the
// certified `openid-client`. Each attempt's secrets live in Redis for ten minutes under a random
// `state`, and a short cookie binds the attempt to the browser that started it; the callback takes
// them out once (GETDEL), so a replayed callback finds nothing. openid-client checks the ID token's
// issuer, audience, signature (provider's JWKS), expiry and nonce; who the person is here comes from
// the admin-managed rules (first match wins).
import { asSystem } from '@app/database';
import { Environment, oidcEnabled } from '@app/config';
import { REDIS_CLIENT } from '@app/queue';
import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import * as client from 'openid-client';
import { AuthService, type LoginResult } from '../auth.service';
import { OidcRulesRepository, type SsoUser } from './oidc-rules.repository';
import { displayNameOf, emailForNewUser, firstMatchingRule, verifiedEmail, type Claims } from './rule-match';

/** How long a started sign-in may take at the provider. */
export const OIDC_ATTEMPT_TTL_SECONDS = 600;

/** A refused sign-in, shown to the person as a plain page. */
export class SsoRefusal extends HttpException {
  constructor(
    status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super({ statusCode: status, error: title, message: detail }, status);
  }
}

interface Attempt {
  codeVerifier: string;
  nonce: string;
  returnTo: string;
}

/** A path inside the web app to come back to; anything else (another site, `//host`) becomes `/`. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])[^\s]*$/.test(value) || value.length > 500) return '/';
  return value.startsWith('/api/') ? '/' : value;
}

const WHOM_TO_ASK =
  "Ask your trust's KPO lead (Kaizen Promotion Office) or a Kaizen Ledger administrator to give you access: " +
  'they add a sign-in rule for your group or role, then you can sign in.';

@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private config: Promise<client.Configuration> | null = null;

  constructor(
    private readonly env: Environment,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly auth: AuthService,
    private readonly repo: OidcRulesRepository,
  ) {}

  get enabled(): boolean {
    return oidcEnabled(this.env);
  }

  get passwordLogin(): boolean {
    return this.env.PASSWORD_LOGIN === 'on';
  }

  private key(state: string): string {
    return `${this.env.REDIS_PREFIX}:oidc:attempt:${state}`;
  }

  /** The provider's metadata, discovered once (again after a failure, e.g. the provider was down). */
  private configuration(): Promise<client.Configuration> {
    if (!this.config) {
      const issuer = new URL(this.env.OIDC_ISSUER_URL!);
      // Plain http is for a provider on this machine only (development and the tests' provider).
      const loopback = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      this.config = client
        .discovery(
          issuer,
          this.env.OIDC_CLIENT_ID!,
          this.env.OIDC_CLIENT_SECRET!,
          client.ClientSecretPost(this.env.OIDC_CLIENT_SECRET!),
          {
            // openid-client trusts an ID token from the token endpoint on the strength of TLS alone
            // (OIDC Core 3.1.3.7 allows it); we check its signature against the provider's JWKS too.
            execute: loopback
              ? [client.allowInsecureRequests, client.enableNonRepudiationChecks]
              : [client.enableNonRepudiationChecks],
          },
        )
        .catch((error: Error) => {
          this.config = null;
          this.logger.error(`OpenID provider discovery failed: ${error.message}`);
          throw new SsoRefusal(
            HttpStatus.BAD_GATEWAY,
            'The sign-in service could not be reached',
            'Single sign-on is not available right now. Try again in a few minutes.',
          );
        });
    }
    return this.config;
  }

  /** Redis keeps the attempts; without it no sign-in can start or finish safely. */
  private unavailable(): never {
    throw new SsoRefusal(
      HttpStatus.SERVICE_UNAVAILABLE,
      'Sign-in is not available right now',
      'Single sign-on cannot keep track of sign-ins at the moment. Try again in a few minutes.',
    );
  }

  private assertEnabled(): void {
    if (!this.enabled) {
      throw new SsoRefusal(
        HttpStatus.NOT_FOUND,
        'Single sign-on is not set up',
        'Single sign-on is not configured here (OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL).',
      );
    }
  }

  /** Starts a sign-in: the provider URL to send the browser to, and the state to bind to it. */
  async start(options: { returnTo?: unknown; loginHint?: unknown }): Promise<{ url: string; state: string }> {
    this.assertEnabled();
    const config = await this.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const attempt: Attempt = { codeVerifier, nonce, returnTo: safeReturnTo(options.returnTo) };
    await this.redis
      .set(this.key(state), JSON.stringify(attempt), 'EX', OIDC_ATTEMPT_TTL_SECONDS)
      .catch(() => this.unavailable());
    const parameters: Record<string, string> = {
      redirect_uri: this.env.OIDC_REDIRECT_URL!,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    };
    if (typeof options.loginHint === 'string' && /^[^\s]{1,320}$/.test(options.loginHint)) {
      parameters.login_hint = options.loginHint;
    }
    return { url: client.buildAuthorizationUrl(config, parameters).href, state };
  }

  /**
   * Finishes a sign-in from the callback's query string. `browserState` is the state the starting
   * browser kept in its cookie. Answers the session and where to go, or throws SsoRefusal.
   */
  async finish(query: string, browserState: string | undefined): Promise<{ session: LoginResult; returnTo: string }> {
    this.assertEnabled();
    const params = new URLSearchParams(query);
    const state = params.get('state') ?? '';
    const providerError = params.get('error');
    if (!state || !/^[A-Za-z0-9_-]{16,200}$/.test(state)) {
      throw new SsoRefusal(400, 'Sign-in failed', 'state: the sign-in response has no valid state. Start again.');
    }
    // Taken out whatever happens next: each attempt can finish once.
    const raw = await this.redis.getdel(this.key(state)).catch(() => this.unavailable());
    if (!raw) {
      throw new SsoRefusal(
        400,
        'Sign-in failed',
        'state: this sign-in attempt is unknown, was already used, or took longer than 10 minutes. Start again.',
      );
    }
    if (browserState !== state) {
      throw new SsoRefusal(400, 'Sign-in failed', 'state: this sign-in was started in another browser. Start again.');
    }
    if (providerError) {
      const description = params.get('error_description');
      throw new SsoRefusal(
        401,
        'Sign-in failed',
        `The sign-in service refused: ${providerError}${description ? ` (${description})` : ''}.`,
      );
    }
    const attempt = JSON.parse(raw) as Attempt;
    const config = await this.configuration();
    const callbackUrl = new URL(this.env.OIDC_REDIRECT_URL!);
    callbackUrl.search = params.toString();
    let claims: Claims;
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      claims = (tokens.claims() ?? {}) as Claims;
    } catch (error) {
      this.logger.warn(`single sign-on refused: ${(error as Error).message}`);
      throw new SsoRefusal(
        401,
        'Sign-in failed',
        'The sign-in service’s answer could not be verified (ID token or authorization code refused). Start again.',
      );
    }
    // Nobody is signed in yet: matching rules and finding, linking or creating the account is the
    // system's work, across every trust (row-level security would otherwise show no rows).
    const user = await asSystem('single sign-on', () => this.resolve(claims, config.serverMetadata().issuer));
    return { session: await this.auth.issueSession(this.repo.asUser(user)), returnTo: attempt.returnTo };
  }

  /** Finds, links or provisions the person the verified claims describe, or refuses them. */
  private async resolve(claims: Claims, issuer: string): Promise<SsoUser> {
    const subject = typeof claims.sub === 'string' ? claims.sub : '';
    if (!subject) throw new SsoRefusal(401, 'Sign-in failed', 'sub: the ID token names nobody.');
    const rules = await this.repo.list();
    const rule = firstMatchingRule(rules, claims);
    if (!rule) {
      const who = emailForNewUser(claims) ?? subject;
      throw new SsoRefusal(
        403,
        'You do not have access to Kaizen Ledger',
        `${who} is not given access here. ${WHOM_TO_ASK}`,
      );
    }

    let user = await this.repo.findLinked(issuer, subject);
    if (!user) {
      const email = verifiedEmail(claims);
      const existing = email ? await this.repo.findByEmail(email) : null;
      if (existing) {
        if (existing.oidcSubject) {
          throw new SsoRefusal(
            409,
            'This account is linked to someone else',
            `${existing.email} already signs in with another single sign-on identity. Ask a Kaizen Ledger administrator.`,
          );
        }
        if (existing.active && !(await this.repo.link(existing, issuer, subject))) {
          throw new SsoRefusal(409, 'Sign-in failed', 'The account was linked by another sign-in at the same moment.');
        }
        user = existing;
      } else {
        const newEmail = emailForNewUser(claims);
        if (!newEmail) {
          throw new SsoRefusal(
            403,
            'Sign-in failed',
            `email: the sign-in service sent no email address. ${WHOM_TO_ASK}`,
          );
        }
        if (await this.repo.findByEmail(newEmail)) {
          throw new SsoRefusal(
            409,
            'This email address is already in use',
            `${newEmail} belongs to an existing account, and the sign-in service did not confirm (email_verified) that it is yours. Ask a Kaizen Ledger administrator.`,
          );
        }
        user = await this.repo.provision({
          email: newEmail,
          name: displayNameOf(claims, newEmail),
          role: rule.role,
          trustId: rule.trustId,
          issuer,
          subject,
          ruleId: rule.id,
        });
      }
    }
    if (!user.active) {
      throw new SsoRefusal(
        403,
        'Your account is deactivated',
        `${user.email} is deactivated in Kaizen Ledger. ${WHOM_TO_ASK.replace('give you access', 'reactivate it')}`,
      );
    }
    return user;
  }
}
