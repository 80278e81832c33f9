import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { findRepoRoot, NOT_BUILT_TEXT, webAppFallback } from './web.module';

describe('webAppFallback', () => {
  let dir: string;
  const app = (root: string) => {
    const server = express();
    server.use(webAppFallback(root));
    server.use((_req, res) => res.status(404).json({ statusCode: 404, message: 'not here' }));
    return server;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'web-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers index.html for the app and its deep links', async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    for (const path of ['/', '/waste/new', '/measures/6a1f2f5e-8d2b-4c1e-9a7d-2f8e1c3b4a5d']) {
      const res = await request(app(dir)).get(path).expect(200);
      expect(res.text).toContain('<title>app</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('leaves the API, the queue console, missing files and other methods alone', async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    for (const path of [
      '/api',
      '/api/nothing',
      '/admin/queues',
      '/admin/queues/x',
      '/assets/gone.js',
      '/favicon.ico',
    ]) {
      const res = await request(app(dir)).get(path).expect(404);
      expect(res.body.message).toBe('not here');
    }
    await request(app(dir)).post('/').expect(404);
  });

  it('says how to build the app when dist/web is missing, without failing', async () => {
    mkdirSync(join(dir, 'empty'));
    const res = await request(app(join(dir, 'empty')))
      .get('/')
      .expect(200);
    expect(res.text).toBe(NOT_BUILT_TEXT);
    expect(res.text).toContain('npm run build');
    await request(app(join(dir, 'empty')))
      .get('/dashboard')
      .expect(404);
  });

  it('finds the repository root from this folder', () => {
    expect(findRepoRoot(__dirname)).toBe(join(__dirname, '../../../..'));
  });
});
