import { Actor, ALL_ROLES, AuthService, CurrentActor, CurrentSession, Public, Roles } from '@app/auth';
import { Body, Controller, Get, HttpCode, Ip, Post, UseFilters } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ActorDto, LoginResultDto } from './dto/actor.dto';
import { LoginDto } from './dto/login.dto';
import { ApiErrors } from '../http/openapi/api-errors.decorator';
import { LoginThrottledFilter } from './login-throttled.filter';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @ApiOperation({ summary: 'Sign in with email and password; returns a bearer token and sets the session cookie' })
  @HttpCode(200)
  @UseFilters(LoginThrottledFilter)
  @ApiOkResponse({ type: LoginResultDto })
  @ApiUnauthorizedResponse({ description: 'wrong email or password, or a deactivated user (the same answer)' })
  @ApiTooManyRequestsResponse({
    description: 'too many failed attempts for this account (5 in 15 min) or from this address (50 in 15 min)',
  })
  @ApiErrors(403)
  login(@Body() body: LoginDto, @Ip() clientAddress: string) {
    return this.auth.login(body.email, body.password, clientAddress);
  }

  @Post('logout')
  @ApiErrors(403)
  @ApiOperation({ summary: 'End the current session' })
  @HttpCode(204)
  @Roles(...ALL_ROLES)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'the session has ended: its token answers 401 from now on' })
  logout(@CurrentSession() sessionId: string): Promise<void> {
    return this.auth.logout(sessionId);
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user: id, role and trust' })
  @Roles(...ALL_ROLES)
  @ApiBearerAuth()
  @ApiOkResponse({ type: ActorDto })
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }
}
