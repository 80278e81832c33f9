import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { AuditedWriter } from './audited-writer';

@Global()
@Module({ providers: [AuditedWriter, AuditService], exports: [AuditedWriter, AuditService] })
export class AuditModule {}
