import { Global, Logger, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Environment, validateEnvironment } from './environment';

/** Provides the validated Environment; importing apps fail at start when it is wrong. */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ ignoreEnvFile: true, validate: validateEnvironment, cache: true })],
  providers: [
    {
      provide: Environment,
      useFactory: () => {
        const env = validateEnvironment(process.env);
        if (!env.JWT_SECRET) {
          new Logger('Config').warn('JWT_SECRET is unset: using the development secret (never in production)');
        }
        return env;
      },
    },
  ],
  exports: [Environment],
})
export class AppConfigModule {}
