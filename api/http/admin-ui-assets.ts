/**
 * The built admin UI: compressed (brotli or gzip, as the browser accepts) and cached the way
 * Vite's output allows. Files under assets/ carry a content hash in their name, so a browser
 * keeps them for a year without asking; index.html (and the other unhashed files) must be
 * revalidated on every load, or a browser would keep asking for chunks of an old build.
 *
 * The build writes a brotli (.br) and a gzip (.gz) copy beside each chunk (admin-ui/build/
 * precompress.ts); those are sent as they are. Anything without its copy (a small file, a build
 * made without them) is compressed on the fly.
 */
import { extname, join, resolve } from 'node:path';
import compression from 'compression';
import express, { type RequestHandler, type Response, type Router } from 'express';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const SUFFIX = { br: '.br', gzip: '.gz' } as const;

/** The compressed copy to send: brotli when the browser takes it, else gzip; none without an Accept-Encoding. */
function copyFor(acceptEncoding: string | undefined, accepts: (encoding: string) => boolean) {
  if (!acceptEncoding) return undefined;
  return (['br', 'gzip'] as const).find(accepts);
}

/** A hashed chunk's .br or .gz copy, with the headers of the chunk itself; on to the next handler when there is none. */
function precompressedCopies(assets: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const encoding = copyFor(req.headers['accept-encoding'], (e) => req.acceptsEncodings(e) === e);
    if (!encoding) return next();
    // set only once the copy is found: a missing chunk's 404 must not claim to be immutable
    const headers = {
      'Cache-Control': IMMUTABLE,
      'Content-Encoding': encoding,
      'Content-Type': res.type(extname(req.path)).get('Content-Type')!,
      Vary: 'Accept-Encoding',
    };
    res.removeHeader('Content-Type');
    // send() refuses a path out of `root`; any error (most often: no copy) falls back untouched
    res.sendFile(
      req.path + SUFFIX[encoding],
      { root: assets, cacheControl: false, dotfiles: 'deny', headers },
      (error) => {
        if (!error) return;
        if (res.headersSent) return next(error);
        next();
      },
    );
  };
}

export function adminUiAssets(folder: string): Router {
  // sendFile needs an absolute path; an operator may well give RULES_ADMIN_UI_DIR relative to where they start
  const dir = resolve(folder);
  const router = express.Router();
  router.use(compression());
  router.use('/assets', precompressedCopies(join(dir, 'assets')));
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
