import { Actor, ALL_ROLES, CurrentActor, Roles } from '@app/auth';
import { DashboardService } from '@app/dashboards';
import { BadRequestException, Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DashboardQueryDto } from './dto/dashboard-query.dto';
import { ProgrammeDashboardDto, TrustDashboardDto } from './dto/dashboard.dto';

@ApiTags('dashboards')
@ApiBearerAuth()
@Controller('dashboards')
export class DashboardsController {
  constructor(private readonly dashboards: DashboardService) {}

  @Get('programme')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Programme totals, each trust’s totals and the programme series, from rollups' })
  @ApiOkResponse({ type: ProgrammeDashboardDto })
  programme(@Query() query: DashboardQueryDto) {
    return this.dashboards.programme(query);
  }

  @Get('trusts/:trustId')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'One trust’s figures, waste types, series and SPC, from rollups (trust roles: own trust only)',
  })
  @ApiOkResponse({ type: TrustDashboardDto })
  trust(
    @CurrentActor() actor: Actor,
    @Param('trustId', new ParseUUIDPipe({ exceptionFactory: () => badTrustId() })) trustId: string,
    @Query() query: DashboardQueryDto,
  ) {
    return this.dashboards.trust(actor, trustId, query);
  }
}

function badTrustId() {
  return new BadRequestException(['trustId must be a UUID']);
}
