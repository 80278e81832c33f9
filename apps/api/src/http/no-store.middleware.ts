// Every answer of the API may carry a caller's data or a token: no cache (browser, proxy) may keep
// it (SPEC §7). Set on every /api answer, so an authenticated one can never miss it; the web app's
// static files (outside /api) stay cacheable.
import type { NextFunction, Request, Response } from 'express';

export function noStore(req: Request, res: Response, next: NextFunction): void {
  if (req.path === '/api' || req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
  next();
}
