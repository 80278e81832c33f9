import { BoardModule } from '@app/board';
import { Module } from '@nestjs/common';
import { BoardMeetingsController } from './board-meetings.controller';

@Module({ imports: [BoardModule], controllers: [BoardMeetingsController] })
export class BoardHttpModule {}
