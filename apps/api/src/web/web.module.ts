// Serves the built browser app (dist/web, from `vite build --config apps/web/vite.config.ts`) at `/`,
// with index.html for every other non-API GET so the app's own router can take deep links.
//
// It is plain Express middleware added in onModuleInit: Nest calls that hook after it has mounted
// the API routes and before its not-found handler, so API routes always win, `/api/...` misses still
// answer Nest's JSON 404, and the global auth guard (which only guards Nest routes) never sees the
// page or its assets. A missing dist/web is not an error: `/` then says how to build the app.
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Paths the app must never answer with its page: the API and the queue console. */
const NOT_THE_APP = /^\/(api|admin\/queues)(\/|$)/;

/** The repository root: the nearest folder above this file with a package.json (source or dist). */
export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const NOT_BUILT_TEXT =
  'Kaizen Ledger API is running, but the web app is not built. Run `npm run build` (or `npm start`), then reload.';

/** The SPA fallback: index.html for page requests, or the not-built notice. */
export function webAppFallback(webRoot: string) {
  const indexHtml = join(webRoot, 'index.html');
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_THE_APP.test(req.path)) return next();
    // A missing asset (a file name with an extension) is a real 404, not the app's page.
    if (/\.[a-z0-9]+$/i.test(req.path) && req.path !== '/index.html') return next();
    if (!existsSync(indexHtml)) {
      res
        .status(req.path === '/' ? 200 : 404)
        .type('text/plain')
        .send(NOT_BUILT_TEXT);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  };
}

@Injectable()
export class WebAppServer implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    // Another platform (or a bare application context) has nothing to serve pages with.
    if (!adapter || adapter.getType() !== 'express') return;
    const webRoot = join(findRepoRoot(), 'dist', 'web');
    const app = adapter as ExpressAdapter;
    // Hashed file names under /assets never change; index.html is revalidated on every load.
    app.useStaticAssets(join(webRoot, 'assets'), { prefix: '/assets', immutable: true, maxAge: '365d', index: false });
    app.useStaticAssets(webRoot, { index: false, maxAge: 0 });
    app.use(webAppFallback(webRoot));
  }
}

@Module({ providers: [WebAppServer] })
export class WebModule {}
