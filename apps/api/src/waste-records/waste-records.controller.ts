import { Actor, CurrentActor, Roles } from '@app/auth';
import { Environment } from '@app/config';
import {
  BulkTransferBusyError,
  TransferWatch,
  WASTE_DELETERS,
  WASTE_EDITORS,
  WASTE_READERS,
  WasteCsvService,
  WasteRecordsService,
} from '@app/waste';
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
import { ApiErrors } from '../http/openapi/api-errors.decorator';
import type { Readable } from 'node:stream';
import { PassThrough, pipeline } from 'node:stream';
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

/**
 * Headers of a refusal that ends a bulk request early: Retry-After on a 429, and Connection: close on
 * a 408, 413 or 429 whose body was not read (the rest of a large or crawling upload is not waited for).
 */
function refusalHeaders(error: unknown, res: Response | undefined): void {
  if (!res || res.headersSent) return;
  if (error instanceof BulkTransferBusyError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  if ((error as { closeConnection?: boolean }).closeConnection) res.setHeader('Connection', 'close');
}

@ApiTags('waste records')
@ApiBearerAuth()
@Controller('waste-records')
export class WasteRecordsController {
  private readonly logger = new Logger(WasteRecordsController.name);

  constructor(
    private readonly records: WasteRecordsService,
    private readonly csv: WasteCsvService,
    private readonly env: Environment,
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
  @ApiErrors(408, 413, 429)
  async importCsv(@CurrentActor() actor: Actor, @Query() query: ImportQuery, @Req() req: Request) {
    if (!isCsv(req.headers['content-type'])) {
      req.resume();
      throw new UnsupportedMediaTypeException('Content-Type must be text/csv (UTF-8)');
    }
    const length = req.headers['content-length'];
    try {
      return await this.csv.importCsv(actor, query.trustId, req, length === undefined ? undefined : Number(length));
    } catch (error) {
      refusalHeaders(error, req.res);
      throw error;
    }
  }

  @Get('export')
  @ApiOperation({ summary: 'Export the filtered waste records as CSV in the import format' })
  @Roles(...WASTE_READERS)
  @ApiOkResponse({
    description: 'the filtered records in the import format',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors(429)
  async exportCsv(@CurrentActor() actor: Actor, @Query() query: WasteFilterQuery, @Res() res: Response): Promise<void> {
    let stream: Readable;
    try {
      stream = await this.csv.exportCsv(actor, query);
    } catch (error) {
      refusalHeaders(error, res);
      throw error;
    }
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="waste-records.csv"');
    // A reader that stops reading (the response cannot drain) for a whole window is cut off, so an
    // export nobody reads gives back its bulk connection and slot; a slow database is not its fault.
    const counted = new PassThrough();
    const watch = new TransferWatch(this.env.TRANSFER_MIN_BYTES_PER_SECOND, this.env.TRANSFER_WINDOW_SECONDS, () => {
      if (res.writableNeedDrain) res.destroy(new Error('the export reader was too slow'));
    }).start();
    counted.on('data', (chunk: Buffer) => watch.add(chunk.length));
    // pipeline destroys the COPY stream when the client goes away, which returns its connection.
    pipeline(stream, counted, res, (error) => {
      watch.stop();
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
