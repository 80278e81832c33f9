// Every e2e test process talks to the test database and its own Redis key prefix.
import { randomBytes } from 'node:crypto';
import { testDatabaseUrl } from './test-database';

process.env.DATABASE_URL = testDatabaseUrl();
process.env.NODE_ENV = 'test';
process.env.REDIS_PREFIX = process.env.TEST_REDIS_PREFIX ?? 'kaizen-test';
// A secret of this run only: no signing secret is written in the repository, and a token signed
// with any string found there must answer 401 (test/security/secrets.e2e-spec.ts).
process.env.JWT_SECRET = randomBytes(48).toString('base64url');
process.env.DATABASE_POOL_SIZE = '10';
