import { Actor, CurrentActor, Roles } from '@app/auth';
import { BoardMeetingsService, BoardPackService } from '@app/board';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  BoardMeetingDto,
  BoardMeetingListQuery,
  BoardMeetingPageDto,
  BoardMeetingWithReportsDto,
  CreateBoardMeetingDto,
  PutTrustReportDto,
  TrustReportDto,
} from './dto/board.dto';

/** Board material is for the board only: trust CEOs, the regulator and admins (SPEC §1, §4). */
@ApiTags('board')
@ApiBearerAuth()
@Roles('trust_ceo', 'regulator', 'admin')
@Controller('board-meetings')
export class BoardMeetingsController {
  constructor(
    private readonly meetings: BoardMeetingsService,
    private readonly packs: BoardPackService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List board meetings, newest first' })
  @ApiOkResponse({ type: BoardMeetingPageDto })
  list(@Query() query: BoardMeetingListQuery) {
    return this.meetings.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Schedule a board meeting' })
  @Roles('admin')
  @ApiCreatedResponse({ type: BoardMeetingDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateBoardMeetingDto) {
    return this.meetings.create(actor, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A board meeting with its trust reports' })
  @ApiOkResponse({ type: BoardMeetingWithReportsDto })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.meetings.get(id);
  }

  @Put(':id/reports/:trustId')
  @Roles('trust_ceo', 'admin')
  @ApiOperation({ summary: "File (201) or replace (200) a trust's report: its CEO, or an admin; 409 once publishing" })
  @ApiCreatedResponse({ type: TrustReportDto })
  @ApiOkResponse({ type: TrustReportDto })
  async putReport(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('trustId', ParseUUIDPipe) trustId: string,
    @Body() body: PutTrustReportDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { report, created } = await this.meetings.putReport(actor, id, trustId, body);
    res.status(created ? 201 : 200);
    return report;
  }

  @Get(':id/pack')
  @ApiOperation({
    summary:
      'The board pack: JSON, or a printable A4 page with Accept: text/html. Once published, always the stored snapshot.',
  })
  @ApiOkResponse({
    description: 'the pack (BoardPack in libs/board), or its printable HTML page',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          description: 'BoardPack (libs/board/src/board-pack.types.ts)',
          required: [
            'meetingId',
            'month',
            'published',
            'generatedAt',
            'periods',
            'pendingChanges',
            'trusts',
            'programme',
          ],
          properties: {
            meetingId: { type: 'string', format: 'uuid' },
            month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
            heldOn: { type: 'string', format: 'date', nullable: true },
            published: { type: 'boolean' },
            publishedAt: { type: 'string', format: 'date-time', nullable: true },
            generatedAt: { type: 'string', format: 'date-time' },
            periods: { type: 'object' },
            pendingChanges: { type: 'integer', minimum: 0 },
            trusts: { type: 'array', items: { type: 'object' } },
            programme: { type: 'object' },
          },
        },
      },
      'text/html': { schema: { type: 'string' } },
    },
  })
  async pack(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    // JSON unless the client prefers HTML; the JSON is sent as stored, byte for byte. The answer
    // depends on Accept, so caches must key on it (set first: an error answer varies too).
    res.vary('Accept');
    if (req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.type('html').send(await this.packs.packHtml(id));
    } else {
      res.type('json').send(await this.packs.packJson(id));
    }
  }

  @Post(':id/publish')
  @Roles('admin')
  @ApiOperation({
    summary: 'Freeze the pack: 202 while the board-pack job builds the snapshot; 200 when it is already published',
  })
  @ApiAcceptedResponse({ type: BoardMeetingDto })
  @ApiOkResponse({ type: BoardMeetingDto })
  async publish(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { meeting, accepted } = await this.meetings.requestPublish(actor, id);
    res.status(accepted ? 202 : 200);
    return meeting;
  }
}
