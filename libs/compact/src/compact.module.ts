import { Module } from '@nestjs/common';
import { CompactRepository } from './compact.repository';
import { CompactService } from './compact.service';

/** Compact commitments and monthly check-ins. */
@Module({ providers: [CompactRepository, CompactService], exports: [CompactService] })
export class CompactModule {}
