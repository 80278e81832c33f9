// Every e2e test process talks to the test database and its own Redis key prefix.
import { testDatabaseUrl } from './test-database';

process.env.DATABASE_URL = testDatabaseUrl();
process.env.NODE_ENV = 'test';
process.env.REDIS_PREFIX = process.env.TEST_REDIS_PREFIX ?? 'kaizen-test';
process.env.LOGIN_RATE_LIMIT = process.env.LOGIN_RATE_LIMIT ?? '1000';
process.env.DATABASE_POOL_SIZE = '10';
