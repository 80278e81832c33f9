// The BullMQ console (bull-board) at /admin/queues, outside the /api prefix, for admins only.
// bull-board mounts Express middleware, which the global Nest guard never sees, so consoleAuth
// guards it (see console-auth.ts for how the token travels).
import { AuthService } from '@app/auth';
import { ALL_QUEUES, QueueModule } from '@app/queue';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule, type BullBoardModuleOptions } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { consoleAuth, CONSOLE_PATH } from './console-auth';

@Module({
  imports: [
    QueueModule,
    BullBoardModule.forRootAsync({
      inject: [AuthService],
      useFactory: (auth: AuthService) => ({
        route: CONSOLE_PATH,
        // @bull-board/express 9.10.1 pins its own @bull-board/api 9.10.1 beside our 9.10.2: the same
        // adapter at runtime, two declarations of one private field for the compiler.
        adapter: ExpressAdapter as unknown as BullBoardModuleOptions['adapter'],
        boardOptions: { uiConfig: { boardTitle: 'Kaizen Ledger queues' } },
        // the same check as the API's guard: signature, expiry and an open session
        middleware: consoleAuth(async (token) => (await auth.authenticate(token)).claims),
      }),
    }),
    BullBoardModule.forFeature(...ALL_QUEUES.map((name) => ({ name, adapter: BullMQAdapter }))),
  ],
})
export class QueueConsoleModule {}
