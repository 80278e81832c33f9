import { Environment } from '@app/config';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source-options';

/** The one Postgres pool of a process. Never synchronizes; migrations run as their own step. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => dataSourceOptions(env.DATABASE_URL, env.DATABASE_POOL_SIZE),
    }),
  ],
})
export class DatabaseModule {}
