/**
 * GET /api/openapi.json (the document, built once) and /api/reference: Swagger UI from the
 * installed swagger-ui-dist, as static files. The page has no inline script (the app's CSP
 * allows scripts from this origin only): a small initializer served here starts it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';
import { projectPath } from '../../engine/project-folder.js';
import { validate } from '../http/validate.js';
import { buildOpenApiDocument } from './document.js';

const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The files of swagger-ui-dist the page loads; nothing else of the package is served. */
const ASSETS = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js', '/favicon-32x32.png', '/favicon-16x16.png']);

const PAGE = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>乡镇规则平台 API 参考</title>
<link rel="stylesheet" href="/api/reference/swagger-ui.css">
<link rel="icon" type="image/png" href="/api/reference/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/reference/swagger-ui-bundle.js"></script>
<script src="/api/reference/initializer.js"></script>
</body>
</html>
`;

const INITIALIZER = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true });
});
`;

export function openApiRoutes(): Router {
  const router = Router();
  const version = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')).version as string;
  const document = JSON.stringify(buildOpenApiDocument({ version }));
  router.get('/openapi.json', validate('GET /openapi.json'), (_req, res) => {
    res.type('application/json').send(document);
  });
  router.get('/reference', validate('GET /reference'), (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/reference/initializer.js', validate('GET /reference/initializer.js'), (_req, res) => {
    res.type('text/javascript').send(INITIALIZER);
  });
  const assets = express.static(SWAGGER_UI_DIR, { index: false });
  router.use('/reference', (req, res, next) => (ASSETS.has(req.path) ? assets(req, res, next) : next()));
  return router;
}
