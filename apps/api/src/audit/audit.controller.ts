import { AuditService } from '@app/audit';
import { Roles } from '@app/auth';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { AuditPageDto, AuditQuery } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'List audit entries, newest first, filtered by trust, entity or actor' })
  @Roles('admin')
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() query: AuditQuery) {
    return this.audit.list(query);
  }
}
