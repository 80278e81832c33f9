// The BullMQ console (bull-board) at /admin/queues, outside the /api prefix, for admins only.
// bull-board mounts Express middleware, which the global Nest guard never sees, so consoleAuth
// guards it (see console-auth.ts for how the token travels).
import { TOKEN_ALGORITHM, type TokenClaims } from '@app/auth';
import { ALL_QUEUES, QueueModule } from '@app/queue';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule, type BullBoardModuleOptions } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { consoleAuth, CONSOLE_PATH } from './console-auth';

@Module({
  imports: [
    QueueModule,
    BullBoardModule.forRootAsync({
      inject: [JwtService],
      useFactory: (jwt: JwtService) => ({
        route: CONSOLE_PATH,
        // @bull-board/express 9.10.1 pins its own @bull-board/api 9.10.1 beside our 9.10.2: the same
        // adapter at runtime, two declarations of one private field for the compiler.
        adapter: ExpressAdapter as unknown as BullBoardModuleOptions['adapter'],
        boardOptions: { uiConfig: { boardTitle: 'Kaizen Ledger queues' } },
        middleware: consoleAuth((token) => jwt.verifyAsync<TokenClaims>(token, { algorithms: [TOKEN_ALGORITHM] })),
      }),
    }),
    BullBoardModule.forFeature(...ALL_QUEUES.map((name) => ({ name, adapter: BullMQAdapter }))),
  ],
})
export class QueueConsoleModule {}
