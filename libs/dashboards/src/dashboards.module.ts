import { Module } from '@nestjs/common';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';

@Module({ providers: [DashboardRepository, DashboardService], exports: [DashboardService] })
export class DashboardsModule {}
