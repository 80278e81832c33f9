import { Actor, CurrentActor, Roles } from '@app/auth';
import { WASTE_DELETERS, WASTE_EDITORS, WASTE_READERS, WasteCsvService, WasteRecordsService } from '@app/waste';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Logger,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
  ApiOperation,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream';
import {
  CreateWasteRecordDto,
  ImportQuery,
  ImportRejectionDto,
  ImportResultDto,
  UpdateWasteRecordDto,
  WasteFilterQuery,
  WasteListQuery,
  WasteRecordDto,
  WasteRecordPageDto,
} from './dto/waste-record.dto';

/** text/csv, optionally with charset=utf-8: the import's only media type. */
function isCsv(contentType: string | undefined): boolean {
  const [type, ...parameters] = (contentType ?? '')
    .toLowerCase()
    .split(';')
    .map((part) => part.trim());
  const charset = parameters
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  return type === 'text/csv' && (charset === undefined || charset === 'utf-8' || charset === 'utf8');
}

@ApiTags('waste records')
@ApiBearerAuth()
@Controller('waste-records')
export class WasteRecordsController {
  private readonly logger = new Logger(WasteRecordsController.name);

  constructor(
    private readonly records: WasteRecordsService,
    private readonly csv: WasteCsvService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List waste records, paged and filtered' })
  @Roles(...WASTE_READERS)
  @ApiOkResponse({ type: WasteRecordPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: WasteListQuery) {
    return this.records.list(actor, query);
  }

  @Post()
  @ApiOperation({ summary: 'Record an observed waste' })
  @Roles(...WASTE_EDITORS)
  @ApiCreatedResponse({ type: WasteRecordDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateWasteRecordDto) {
    return this.records.create(actor, body);
  }

  // The body is not parsed by Express (only JSON is): the service streams it from the request.
  @Post('import')
  @ApiOperation({ summary: 'Import waste records from CSV: all rows or none' })
  @Roles(...WASTE_EDITORS)
  @ApiConsumes('text/csv')
  @ApiBody({
    description: `UTF-8 CSV; header observedOn,wasteType,minutesLost,occurrences,patientImpact,status,valueStreamId,description`,
    schema: { type: 'string', format: 'binary' },
  })
  @ApiCreatedResponse({ type: ImportResultDto })
  @ApiUnprocessableEntityResponse({ type: ImportRejectionDto, description: 'invalid rows; nothing was stored' })
  @ApiUnsupportedMediaTypeResponse({ description: 'the body is not text/csv' })
  importCsv(@CurrentActor() actor: Actor, @Query() query: ImportQuery, @Req() req: Request) {
    if (!isCsv(req.headers['content-type'])) {
      req.resume();
      throw new UnsupportedMediaTypeException('Content-Type must be text/csv (UTF-8)');
    }
    return this.csv.importCsv(actor, query.trustId, req);
  }

  @Get('export')
  @ApiOperation({ summary: 'Export the filtered waste records as CSV in the import format' })
  @Roles(...WASTE_READERS)
  @ApiOkResponse({
    description: 'the filtered records in the import format',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async exportCsv(@CurrentActor() actor: Actor, @Query() query: WasteFilterQuery, @Res() res: Response): Promise<void> {
    const stream = await this.csv.exportCsv(actor, query);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="waste-records.csv"');
    // pipeline destroys the COPY stream when the client goes away, which returns its connection.
    pipeline(stream, res, (error) => {
      if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') this.logger.warn(`export failed: ${error.message}`);
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A waste record' })
  @Roles(...WASTE_READERS)
  @ApiOkResponse({ type: WasteRecordDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.records.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a waste record (optimistic version)' })
  @Roles(...WASTE_EDITORS)
  @ApiOkResponse({ type: WasteRecordDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateWasteRecordDto) {
    return this.records.update(actor, id, body);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a waste record' })
  @Roles(...WASTE_DELETERS)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted' })
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.records.remove(actor, id);
  }
}
