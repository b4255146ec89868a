import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The web application lives under its own prefix, so its client-side routes can never hide an API route. */
export const WEB_PREFIX = '/app';

/** dist/web at the repository root, whether this file runs from dist/ (npm start) or from source (tests). */
export function defaultWebRoot(from: string = __dirname): string | undefined {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', 'web');
  }
  return undefined;
}

/**
 * Serves the built web application: its files under /app, index.html for any other /app path (the
 * client routes), and / redirects there. The files are public like /docs; every figure they show
 * comes from the API with the signed-in user's key. Returns false when the bundle is not built.
 */
export function serveWebApp(app: NestExpressApplication, root: string | undefined = defaultWebRoot()): boolean {
  if (!root || !existsSync(path.join(root, 'index.html'))) return false;
  const index = path.join(root, 'index.html');
  app.useStaticAssets(root, { prefix: WEB_PREFIX, index: false, maxAge: '1h' });
  app.use(WEB_PREFIX, (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    // A missing asset is a 404, not the page: a stale tab would otherwise parse HTML as script.
    if (request.path.startsWith('/assets/')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method === 'GET' && request.path === '/') return response.redirect(302, `${WEB_PREFIX}/`);
    next();
  });
  return true;
}
