import { DashboardsModule } from '@app/dashboards';
import { Module } from '@nestjs/common';
import { DashboardsController } from './dashboards.controller';

@Module({ imports: [DashboardsModule], controllers: [DashboardsController] })
export class DashboardsHttpModule {}
