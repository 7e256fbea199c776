/**
 * Response headers that limit what a browser lets a page do: a Content-Security-Policy the
 * admin UI works under, nosniff, a same-origin Referrer-Policy, framing only by this origin;
 * and CORS that answers only the origins an operator configured (none by default: the UI is
 * served by this same server, so it never needs CORS).
 *
 * Routes with stricter needs (the printable record) set their own Content-Security-Policy,
 * which replaces this one.
 */
import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * What the built admin UI loads, and why each source is allowed:
 * - scripts only from this origin (Vite emits no inline script), and no 'unsafe-eval': the UI's
 *   JSON Schema validators (试算 and test-case forms, the rule editor's JSON mode) are compiled
 *   into plain code when the UI is built (admin-ui/build/validators.ts, Ajv standalone), so
 *   nothing in the browser calls eval or new Function.
 * - styles inline: emotion (MUI), CodeMirror and index.html's loading style inject <style>.
 * - images data: (MUI icons in CSS) and blob:; downloads are blob: links (navigations, not
 *   governed by CSP).
 * - no plugins, no <base> elsewhere, forms post only here, framed only by this origin.
 * No upgrade-insecure-requests: offices often serve the UI over plain HTTP on the intranet,
 * where it would break every request.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'frame-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
};

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'sameorigin' },
  });
}

/** Headers the UI (or a configured other origin) reads from API replies. */
const EXPOSED = ['Content-Range', 'ETag', 'X-Pack-Version', 'X-Request-Id', 'Content-Disposition', 'Retry-After'];

/** CORS for the configured origins only; with none, no CORS headers at all (same-origin). */
export function corsFor(origins: readonly string[]): RequestHandler {
  return cors({ origin: origins.length ? [...origins] : false, exposedHeaders: EXPOSED, maxAge: 600 });
}
