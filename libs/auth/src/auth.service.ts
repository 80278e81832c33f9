import { asSystem, User } from '@app/database';
import { Injectable, OnModuleInit, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from './actor';
import { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import { SessionStore } from './session.store';
import { TOKEN_ALGORITHM, TokenClaims } from './token';

export interface LoginResult {
  accessToken: string;
  user: Actor;
}

const WRONG = 'email or password is wrong';
const INVALID = 'the token is invalid or has expired';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class AuthService implements OnModuleInit {
  /** Verified against when the email is unknown, so both failures take about the same time. */
  private dummyHash = '';

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly sessions: SessionStore,
    private readonly throttle: LoginThrottle,
  ) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await hashPassword('no-such-user-placeholder');
  }

  /**
   * Password sign-in from a client address. A wrong password, an unknown email and a deactivated
   * user all get the same 401 after the same work; too many failures answer 429 (LoginThrottle).
   */
  async login(email: string, password: string, clientAddress: string): Promise<LoginResult> {
    const normalised = email.trim().toLowerCase();
    await this.throttle.admit(normalised, clientAddress);
    // Nobody is signed in yet: finding the account is the system's work, across every trust.
    const user = await asSystem('sign-in', () =>
      this.db
        .getRepository(User)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.email = :email', { email: normalised })
        .getOne(),
    );
    // SSO-only users have no hash: they verify against the dummy one and fail like an unknown email.
    const ok = await verifyPassword(user?.passwordHash ?? this.dummyHash, password);
    if (!user || !user.passwordHash || !ok || !user.active) {
      await this.throttle.failed(clientAddress);
      throw new UnauthorizedException(WRONG);
    }
    await this.throttle.succeeded(normalised);
    return this.issueSession(user);
  }

  /**
   * Signs a person in: opens a session and mints its access token. Every way of signing in (password,
   * single sign-on) ends here, and nothing else mints tokens.
   */
  async issueSession(user: User): Promise<LoginResult> {
    if (user.active === false) throw new UnauthorizedException(WRONG);
    const actor: Actor = { id: user.id, email: user.email, name: user.name, role: user.role, trustId: user.trustId };
    const sid = await this.sessions.start(user.id);
    const claims: TokenClaims = {
      sub: actor.id,
      email: actor.email,
      name: actor.name,
      role: actor.role,
      trustId: actor.trustId,
      sid,
    };
    return { accessToken: await this.jwt.signAsync(claims), user: actor };
  }

  /** The caller of a token whose signature, expiry and session are all good; 401 otherwise. */
  async authenticate(token: string): Promise<{ actor: Actor; sessionId: string; claims: TokenClaims }> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: [TOKEN_ALGORITHM] });
    } catch {
      throw new UnauthorizedException(INVALID);
    }
    if (!UUID.test(String(claims.sid)) || !UUID.test(String(claims.sub))) throw new UnauthorizedException(INVALID);
    if (!(await this.sessions.isLive(claims.sid, claims.sub))) {
      throw new UnauthorizedException('the session has ended; sign in again');
    }
    const actor: Actor = {
      id: claims.sub,
      email: claims.email,
      name: claims.name,
      role: claims.role,
      trustId: claims.trustId,
    };
    return { actor, sessionId: claims.sid, claims };
  }

  /** Sign-out: ends the session of the token used. */
  logout(sessionId: string): Promise<void> {
    return this.sessions.end(sessionId, 'logout');
  }
}
