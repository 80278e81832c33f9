import { asSystem, User } from '@app/database';
import { Injectable, OnModuleInit, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from './actor';
import { hashPassword, verifyPassword } from './password';
import { TokenClaims } from './token';

export interface LoginResult {
  accessToken: string;
  user: Actor;
}

@Injectable()
export class AuthService implements OnModuleInit {
  /** Verified against when the email is unknown, so both failures take about the same time. */
  private dummyHash = '';

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await hashPassword('no-such-user-placeholder');
  }

  async login(email: string, password: string): Promise<LoginResult> {
    // Nobody is signed in yet: finding the account is the system's work, across every trust.
    const user = await asSystem('sign-in', () =>
      this.db
        .getRepository(User)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.email = :email', { email: email.trim().toLowerCase() })
        .getOne(),
    );
    const ok = await verifyPassword(user?.passwordHash ?? this.dummyHash, password);
    if (!user || !ok) throw new UnauthorizedException('email or password is wrong');

    const actor: Actor = { id: user.id, email: user.email, name: user.name, role: user.role, trustId: user.trustId };
    const claims: TokenClaims = {
      sub: actor.id,
      email: actor.email,
      name: actor.name,
      role: actor.role,
      trustId: actor.trustId,
    };
    return { accessToken: await this.jwt.signAsync(claims), user: actor };
  }
}
