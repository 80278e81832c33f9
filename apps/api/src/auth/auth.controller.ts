import { Actor, ALL_ROLES, AuthService, CurrentActor, Public, Roles } from '@app/auth';
import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { ActorDto, LoginResultDto } from './dto/actor.dto';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOkResponse({ type: LoginResultDto })
  @ApiUnauthorizedResponse({ description: 'wrong email or password (the same answer for both)' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts from this client' })
  login(@Body() body: LoginDto) {
    return this.auth.login(body.email, body.password);
  }

  @Get('me')
  @SkipThrottle()
  @Roles(...ALL_ROLES)
  @ApiBearerAuth()
  @ApiOkResponse({ type: ActorDto })
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }
}
