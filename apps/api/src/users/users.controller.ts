import { Actor, CurrentActor, Roles } from '@app/auth';
import { UsersService } from '@app/users';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { CreateUserDto, UpdateUserDto, UserDto, UserListQuery, UserPageDto } from './dto/user.dto';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin', 'kpo_lead')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users (a KPO lead sees their own trust)' })
  @ApiOkResponse({ type: UserPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: UserListQuery) {
    return this.users.list(actor, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user' })
  @ApiCreatedResponse({ type: UserDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return this.users.create(actor, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a user's name, role, trust or active flag" })
  @ApiOkResponse({ type: UserDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto) {
    return this.users.update(actor, id, body);
  }
}
