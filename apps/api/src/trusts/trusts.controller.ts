import { Actor, ALL_ROLES, CurrentActor, Roles } from '@app/auth';
import { TrustsService } from '@app/trusts';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateTrustDto, TrustDto } from './dto/trust.dto';

@ApiTags('trusts')
@ApiBearerAuth()
@Controller('trusts')
export class TrustsController {
  constructor(private readonly trusts: TrustsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [TrustDto] })
  list() {
    return this.trusts.list();
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: TrustDto })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.trusts.get(id);
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: TrustDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateTrustDto) {
    return this.trusts.create(actor, body);
  }
}
