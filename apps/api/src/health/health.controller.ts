import { Public } from '@app/auth';
import { Environment } from '@app/config';
import { REDIS_CLIENT, WORKER_HEARTBEAT_TTL_MS, workerHeartbeatKey } from '@app/queue';
import { pipelineProblems, RollupLagRepository } from '@app/rollups';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type Redis from 'ioredis';

/** Every check answers within this; a slower dependency counts as down. */
const CHECK_TIMEOUT_MS = 1500;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly lag: RollupLagRepository,
    private readonly env: Environment,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process serves HTTP' })
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * PostgreSQL and Redis answer, and the rollup pipeline keeps up (SPEC §7): no change has waited
   * more than ROLLUP_MAX_LAG_SECONDS for the rollups (`rollups`) and some worker has written its
   * heartbeat within 30 s (`worker`). 503 when any check fails; the body names it with a message.
   */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL, Redis, rollup lag and worker heartbeat' })
  @HealthCheck()
  ready() {
    const facts = { maxLagSeconds: this.env.ROLLUP_MAX_LAG_SECONDS, heartbeatSeconds: WORKER_HEARTBEAT_TTL_MS / 1000 };
    return this.health.check([
      () => this.db.pingCheck('postgres').withTimeout(CHECK_TIMEOUT_MS),
      () =>
        this.indicators
          .check('redis')
          .attempt(async () => {
            await this.redis.ping();
          })
          .withTimeout(CHECK_TIMEOUT_MS),
      () =>
        this.indicators
          .check('rollups')
          .attempt(async () => {
            const oldestPendingSeconds = await this.lag.oldestPendingSeconds();
            const problem = pipelineProblems({ ...facts, oldestPendingSeconds, workerHeartbeat: true }).rollups;
            if (problem) throw new Error(problem);
            return { oldestPendingSeconds, maxLagSeconds: facts.maxLagSeconds };
          })
          .withTimeout(CHECK_TIMEOUT_MS),
      () =>
        this.indicators
          .check('worker')
          .attempt(async () => {
            const beat = await this.redis.get(workerHeartbeatKey(this.env.REDIS_PREFIX));
            const problem = pipelineProblems({ ...facts, oldestPendingSeconds: null, workerHeartbeat: !!beat }).worker;
            if (problem) throw new Error(problem);
            return { lastHeartbeat: JSON.parse(beat as string) as object };
          })
          .withTimeout(CHECK_TIMEOUT_MS),
    ]);
  }
}
