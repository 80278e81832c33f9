import { AuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { RedisModule } from '@app/queue';
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AuditHttpModule } from './audit/audit.http.module';
import { AuthHttpModule } from './auth/auth.http.module';
import { SsoHttpModule } from './auth/sso.http.module';
import { BoardHttpModule } from './board/board.http.module';
import { CompactHttpModule } from './compact/compact.http.module';
import { DashboardsHttpModule } from './dashboards/dashboards.http.module';
import { HealthModule } from './health/health.module';
import { ImprovementEventsHttpModule } from './improvement-events/improvement-events.http.module';
import { MapsHttpModule } from './maps/maps.http.module';
import { MeasuresHttpModule } from './measures/measures.http.module';
import { QueueConsoleModule } from './queue-console/queue-console.module';
import { RequestLoggerMiddleware } from './http/request-logger.middleware';
import { TrustsHttpModule } from './trusts/trusts.http.module';
import { UsersHttpModule } from './users/users.http.module';
import { WasteRecordsHttpModule } from './waste-records/waste-records.http.module';
import { ValueStreamsHttpModule } from './value-streams/value-streams.http.module';
import { WebModule } from './web/web.module';

@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    RedisModule,
    AuthModule,
    AuditModule,
    HealthModule,
    AuthHttpModule,
    SsoHttpModule,
    TrustsHttpModule,
    UsersHttpModule,
    AuditHttpModule,
    WasteRecordsHttpModule,
    ValueStreamsHttpModule,
    MapsHttpModule,
    ImprovementEventsHttpModule,
    MeasuresHttpModule,
    DashboardsHttpModule,
    CompactHttpModule,
    BoardHttpModule,
    QueueConsoleModule,
    WebModule,
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggerMiddleware).forRoutes('*path');
  }
}
