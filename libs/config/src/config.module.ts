import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Environment, validateEnvironment } from './environment';

/** Provides the validated Environment; importing apps fail at start when it is wrong. */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ ignoreEnvFile: true, validate: validateEnvironment, cache: true })],
  providers: [
    {
      provide: Environment,
      useFactory: () => validateEnvironment(process.env),
    },
  ],
  exports: [Environment],
})
export class AppConfigModule {}
