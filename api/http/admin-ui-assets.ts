/**
 * The built admin UI: compressed (brotli or gzip, as the browser accepts) and cached the way
 * Vite's output allows. Files under assets/ carry a content hash in their name, so a browser
 * keeps them for a year without asking; index.html (and the other unhashed files) must be
 * revalidated on every load, or a browser would keep asking for chunks of an old build.
 */
import { join, resolve } from 'node:path';
import compression from 'compression';
import express, { type Response, type Router } from 'express';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export function adminUiAssets(folder: string): Router {
  // sendFile needs an absolute path; an operator may well give RULES_ADMIN_UI_DIR relative to where they start
  const dir = resolve(folder);
  const router = express.Router();
  router.use(compression());
  router.use(
    '/assets',
    express.static(join(dir, 'assets'), {
      index: false,
      fallthrough: false, // a missing hashed chunk is a 404, never index.html
      setHeaders: (res: Response) => res.set('Cache-Control', IMMUTABLE),
    }),
  );
  router.use(
    express.static(dir, {
      index: 'index.html',
      setHeaders: (res: Response) => res.set('Cache-Control', REVALIDATE),
    }),
  );
  // the single-page app's own routes
  router.get('/{*path}', (_req, res) => {
    res.set('Cache-Control', REVALIDATE).sendFile(join(dir, 'index.html'));
  });
  return router;
}
