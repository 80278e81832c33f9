// Single sign-on routes: start and finish the OpenID Connect flow (public, browser redirects), the
// sign-in options the web app's sign-in page needs (public), and the admin-managed sign-in rules.
import {
  Actor,
  CurrentActor,
  OIDC_ATTEMPT_TTL_SECONDS,
  OIDC_STATE_COOKIE,
  OidcRulesService,
  OidcService,
  parseCookies,
  Public,
  Roles,
  SsoRefusal,
} from '@app/auth';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiHtmlErrors } from '../http/openapi/api-errors.decorator';
import { CreateOidcRuleDto, OidcRuleDto, SignInOptionsDto } from './dto/oidc-rule.dto';
import { SessionCookies } from './session-cookies';
import { ssoRefusalPage } from './sso-page';

/** The statuses of SsoRefusal (libs/auth oidc.service.ts), answered as an HTML page. */
const SSO_REFUSALS = [400, 401, 403, 404, 409, 502, 503];

@ApiTags('auth')
@Controller('auth')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly rules: OidcRulesService,
    private readonly cookies: SessionCookies,
  ) {}

  @Public()
  @Get('sign-in-options')
  @ApiOperation({ summary: 'How users may sign in here: password and/or NHS single sign-on' })
  @ApiOkResponse({ type: SignInOptionsDto })
  options(): SignInOptionsDto {
    return { passwordLogin: this.oidc.passwordLogin, sso: this.oidc.enabled };
  }

  @Public()
  @Get('oidc/login')
  @ApiOperation({ summary: 'Start single sign-on: redirects to the identity provider' })
  @ApiFoundResponse({ description: "redirects to the provider's sign-in page" })
  @ApiHtmlErrors(...SSO_REFUSALS)
  async login(
    @Req() req: Request,
    @Res() res: Response,
    @Query('returnTo') returnTo?: string,
    @Query('login_hint') loginHint?: string,
  ): Promise<void> {
    try {
      const { url, state } = await this.oidc.start({ returnTo, loginHint });
      this.cookies.set(req, res, OIDC_STATE_COOKIE, state, OIDC_ATTEMPT_TTL_SECONDS, '/api/auth/oidc');
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(302, url);
    } catch (error) {
      this.refuse(res, error);
    }
  }

  @Public()
  @Get('oidc/callback')
  @ApiOperation({ summary: 'Single sign-on callback: signs the user in and redirects to the web app' })
  @ApiFoundResponse({ description: 'signs the person in (session cookie) and redirects into the web app' })
  @ApiHtmlErrors(...SSO_REFUSALS)
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const browserState = parseCookies(req.headers.cookie)[OIDC_STATE_COOKIE];
    this.cookies.clear(req, res, OIDC_STATE_COOKIE, '/api/auth/oidc');
    res.setHeader('Cache-Control', 'no-store');
    try {
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
      const { session, returnTo } = await this.oidc.finish(query, browserState);
      this.cookies.setSession(req, res, session.accessToken);
      res.redirect(302, returnTo);
    } catch (error) {
      this.refuse(res, error);
    }
  }

  @Get('oidc/rules')
  @ApiOperation({ summary: 'List the single sign-on role rules' })
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOkResponse({ type: [OidcRuleDto], description: 'every rule, in the order they are tried' })
  list() {
    return this.rules.list();
  }

  @Post('oidc/rules')
  @ApiOperation({ summary: 'Add a single sign-on role rule' })
  @Roles('admin')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: OidcRuleDto, description: 'appended: tried after every existing rule' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateOidcRuleDto) {
    return this.rules.create(actor, body);
  }

  @Delete('oidc/rules/:id')
  @ApiOperation({ summary: 'Delete a single sign-on role rule' })
  @Roles('admin')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.rules.remove(actor, id);
  }

  /** A refusal becomes a plain page for the person; anything else is a bug and goes to the filter. */
  private refuse(res: Response, error: unknown): void {
    if (!(error instanceof SsoRefusal)) throw error;
    res.status(error.getStatus()).type('html').send(ssoRefusalPage(error.title, error.detail));
  }
}
