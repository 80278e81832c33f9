import { Actor, ALL_ROLES, CurrentActor, Roles } from '@app/auth';
import { TrustsService } from '@app/trusts';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { CreateTrustDto, TrustDto } from './dto/trust.dto';

@ApiTags('trusts')
@ApiBearerAuth()
@Controller('trusts')
export class TrustsController {
  constructor(private readonly trusts: TrustsService) {}

  @Get()
  @ApiOperation({ summary: 'List trusts' })
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [TrustDto] })
  list() {
    return this.trusts.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'A trust' })
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: TrustDto })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.trusts.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Register a trust' })
  @Roles('admin')
  @ApiCreatedResponse({ type: TrustDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateTrustDto) {
    return this.trusts.create(actor, body);
  }
}
