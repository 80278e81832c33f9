import { Module } from '@nestjs/common';
import { OidcRulesRepository } from './oidc-rules.repository';
import { OidcRulesService } from './oidc-rules.service';
import { OidcService } from './oidc.service';

/** Single sign-on: the OpenID Connect flow and its sign-in rules (AuthService comes from AuthModule). */
@Module({
  providers: [OidcService, OidcRulesService, OidcRulesRepository],
  exports: [OidcService, OidcRulesService],
})
export class OidcModule {}
