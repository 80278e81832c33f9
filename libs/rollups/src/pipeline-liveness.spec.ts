import { pipelineProblems } from './pipeline-liveness';

describe('pipelineProblems', () => {
  const healthy = { oldestPendingSeconds: null, workerHeartbeat: true, maxLagSeconds: 60, heartbeatSeconds: 30 };

  it('passes with nothing pending and a live worker', () => {
    expect(pipelineProblems(healthy)).toEqual({ rollups: null, worker: null });
  });

  it('passes while the oldest pending change is within the limit, fails beyond it', () => {
    expect(pipelineProblems({ ...healthy, oldestPendingSeconds: 60 }).rollups).toBeNull();
    expect(pipelineProblems({ ...healthy, oldestPendingSeconds: 61.5 }).rollups).toBe(
      'rollups lag: a change has waited 61 s for the rollups (ROLLUP_MAX_LAG_SECONDS=60)',
    );
  });

  it('names a missing worker heartbeat separately from a lag', () => {
    const verdict = pipelineProblems({ ...healthy, workerHeartbeat: false, oldestPendingSeconds: 5 });
    expect(verdict).toEqual({ rollups: null, worker: 'no worker heartbeat for 30 s: no worker is running' });
  });
});
