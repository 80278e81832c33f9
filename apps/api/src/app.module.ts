import { AuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { RedisModule } from '@app/queue';
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AuditHttpModule } from './audit/audit.http.module';
import { AuthHttpModule } from './auth/auth.http.module';
import { HealthModule } from './health/health.module';
import { RequestLoggerMiddleware } from './http/request-logger.middleware';
import { TrustsHttpModule } from './trusts/trusts.http.module';
import { UsersHttpModule } from './users/users.http.module';

@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    RedisModule,
    AuthModule,
    AuditModule,
    HealthModule,
    AuthHttpModule,
    TrustsHttpModule,
    UsersHttpModule,
    AuditHttpModule,
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggerMiddleware).forRoutes('*path');
  }
}
