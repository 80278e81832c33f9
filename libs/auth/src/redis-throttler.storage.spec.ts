import type { Environment } from '@app/config';
import type Redis from 'ioredis';
import { RedisThrottlerStorage } from './redis-throttler.storage';

const env = { REDIS_PREFIX: 'unit' } as Environment;

describe('RedisThrottlerStorage', () => {
  it('reports hits and blocking from the script, with keys under the prefix and seconds to expire', async () => {
    const evalMock = jest.fn().mockResolvedValue([4, 59_500, 60_000]);
    const storage = new RedisThrottlerStorage({ eval: evalMock } as unknown as Redis, env);
    const record = await storage.increment('abc', 60_000, 3, 60_000, 'login');
    expect(record).toEqual({ totalHits: 4, timeToExpire: 60, isBlocked: true, timeToBlockExpire: 60 });
    expect(evalMock).toHaveBeenCalledWith(
      expect.any(String),
      2,
      'unit:throttle:login:abc:hits',
      'unit:throttle:login:abc:block',
      60_000,
      3,
      60_000,
    );
  });

  it('is not blocked while the block key is absent', async () => {
    const storage = new RedisThrottlerStorage(
      { eval: jest.fn().mockResolvedValue([2, 30_000, -2]) } as unknown as Redis,
      env,
    );
    expect(await storage.increment('abc', 60_000, 3, 60_000, 'login')).toMatchObject({
      totalHits: 2,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
  });

  it('fails open when Redis is unreachable, so an outage does not lock everyone out', async () => {
    const down = { eval: jest.fn().mockRejectedValue(new Error("Stream isn't writeable")) } as unknown as Redis;
    const storage = new RedisThrottlerStorage(down, env);
    jest
      .spyOn((storage as unknown as { logger: { warn: () => void } }).logger, 'warn')
      .mockImplementation(() => undefined);
    expect(await storage.increment('abc', 60_000, 3, 60_000, 'login')).toEqual({
      totalHits: 0,
      timeToExpire: 0,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
  });
});
