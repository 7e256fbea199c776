/**
 * The wire contract: the OpenAPI document validates and names exactly the routes express has
 * mounted; requests are checked by their schemas (422 with JSON pointers, zh and en); replies
 * that drift from their schemas are caught; the reference page loads under the app's CSP.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../api/errors.js';
import { openApiPath } from '../../api/openapi/document.js';
import { OPERATIONS } from '../../api/openapi/operations.js';
import { checkReplies } from '../../api/openapi/reply-check.js';
import { DATABASES, SEED_TOWNSHIP, bearer, startApp, type TestApp } from './helpers/app.js';

/** What the tests read of express's router tables. */
interface Layer {
  route?: {
    path: string;
    methods: Record<string, boolean>;
    stack: { handle: { operation?: { method: string; path: string } } }[];
  };
  handle?: { stack?: Layer[] };
  rawPath?: string;
}
interface Problem {
  path: string;
}
type Routed = { router: { stack: Layer[] } };

/** Every route of the API router and the routers mounted in it, from express's own tables. */
function mountedRoutes(app: Routed): string[] {
  const routes: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          routes.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + (layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : ''));
      }
    }
  };
  walk(app.router.stack, '');
  return [
    ...new Set(routes.filter((r) => r.split(' ')[1].startsWith('/api/')).map((r) => r.replace(/:(\w+)/g, '{$1}'))),
  ].sort();
}

describe.each(DATABASES)('the wire contract on %s', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let document: {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, unknown> };
  };
  beforeAll(async () => {
    t = await startApp(kind);
    admin = bearer(t.adminToken);
    document = (await t.http.get('/api/openapi.json')).body;
  });
  afterAll(() => t?.close());

  it('GET /api/openapi.json is a valid OpenAPI 3.1 document whose $refs all resolve', async () => {
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // every $ref points at a component that exists
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"/]+)/g)].map((m) => m[1]);
    expect(refs.filter((name) => !(name in document.components.schemas))).toEqual([]);
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('every route express has mounted is in the document, and every documented route is mounted', () => {
    const mounted = mountedRoutes(t.app as unknown as Routed);
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} /api${path}`))
      .sort();
    expect(mounted).toEqual(documented);
    expect(OPERATIONS.length).toBe(documented.length);
  });

  it('every route runs the validate middleware for its own operation', () => {
    const unchecked: string[] = [];
    const walk = (stack: Layer[], prefix: string) => {
      for (const layer of stack) {
        if (layer.route && prefix === '/api') {
          const operations = layer.route.stack.map((l) => l.handle.operation).filter((op) => op !== undefined);
          const method = Object.keys(layer.route.methods)[0];
          if (!operations.some((op) => op.method === method && op.path === layer.route!.path))
            unchecked.push(`${method} ${layer.route.path}`);
        } else if (layer.handle?.stack)
          walk(layer.handle.stack, prefix + (layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : ''));
      }
    };
    walk((t.app as unknown as Routed).router.stack, '');
    expect(unchecked).toEqual([]);
  });

  it('a request body of the wrong shape is 422 with a JSON pointer and Chinese and English messages, before any handler', async () => {
    const res = await t.http
      .post('/api/users')
      .set(admin)
      .send({ username: 'x', password: 'short', role: 'chief', canApprove: 'yes' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const paths = res.body.errors.map((e: Problem) => e.path).sort();
    // 'chief' is not admin, so a township is needed too
    expect(paths).toEqual(['/canApprove', '/password', '/role', '/townshipId', '/username']);
    for (const e of res.body.errors) expect(e.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a missing required field points at the field itself', async () => {
    const res = await t.http.post('/api/townships').set(admin).send({ id: 'new-town' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/name', messageZh: expect.any(String) })]);
    const notObject = await t.http.post('/api/townships').set(admin).send([1, 2]);
    expect(notObject.status).toBe(422);
    expect(notObject.body.errors[0].path).toBe('');
  });

  it('a role other than admin needs a township: said by the schema, and an unknown township by the service', async () => {
    const noTownship = await t.http
      .post('/api/users')
      .set(admin)
      .send({ username: 'clerk', password: 'password-1234', role: 'viewer' });
    expect(noTownship.status).toBe(422);
    // said once, in the words written for people rather than the schema's
    expect(noTownship.body.errors).toEqual([
      expect.objectContaining({ path: '/townshipId', messageZh: '请指定用户所属乡镇' }),
    ]);
    const unknown = await t.http
      .post('/api/users')
      .set(admin)
      .send({ username: 'clerk', password: 'password-1234', role: 'viewer', townshipId: 'nowhere' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ path: '/townshipId', messageZh: '乡镇 nowhere 不存在' }),
    ]);
    const ok = await t.http
      .post('/api/users')
      .set(admin)
      .send({ username: 'clerk', password: 'password-1234', role: 'viewer', townshipId: SEED_TOWNSHIP });
    expect(ok.status).toBe(201);
  });

  it('a value of the wrong type is refused where it used to be silently ignored', async () => {
    const token = await t.http.post('/api/auth/tokens').set(admin).send({ name: 5 });
    expect(token.status).toBe(422);
    expect(token.body.errors).toEqual([expect.objectContaining({ path: '/name' })]);
    const renamed = await t.http.put(`/api/townships/${SEED_TOWNSHIP}`).set(admin).send({ name: 42 });
    expect(renamed.status).toBe(422);
    expect(renamed.body.errors).toEqual([expect.objectContaining({ path: '/name' })]);
    expect((await t.http.get(`/api/townships/${SEED_TOWNSHIP}`).set(admin)).body.name).not.toBe(42);
  });

  it('an empty password on PUT /users/:id keeps the current one; a short one is refused', async () => {
    const created = await t.http
      .post('/api/users')
      .set(admin)
      .send({ username: 'keeper', password: 'password-1234', role: 'tester', townshipId: SEED_TOWNSHIP });
    const kept = await t.http
      .put(`/api/users/${created.body.id}`)
      .set(admin)
      .send({ ...created.body, password: '', displayName: '张三' });
    expect(kept.status).toBe(200);
    expect(kept.body.displayName).toBe('张三');
    expect(await t.login('keeper', 'password-1234')).toBeTruthy();
    const short = await t.http.put(`/api/users/${created.body.id}`).set(admin).send({ password: 'short' });
    expect(short.status).toBe(422);
    expect(short.body.errors.every((e: Problem) => e.path === '/password')).toBe(true);
  });

  it('the reference page loads: HTML without inline script, its scripts and styles served, under the CSP', async () => {
    const page = await t.http.get('/api/reference');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts)
      expect({ attributes, body: body.trim() }).toEqual({ attributes: expect.stringContaining('src='), body: '' });
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    for (const asset of assets) {
      const res = await t.http.get(asset);
      expect(res.status, asset).toBe(200);
    }
    const initializer = await t.http.get('/api/reference/initializer.js');
    expect(initializer.type).toBe('text/javascript');
    expect(initializer.text).toContain('/api/openapi.json');
    // only the page's own files of the package are served
    expect((await t.http.get('/api/reference/index.html')).status).not.toBe(200);
  });
});

describe('reply checking', () => {
  const users = OPERATIONS.find((op) => op.method === 'get' && op.path === '/users/:id')!;

  function appAnswering(body: unknown, status = 200) {
    const app = express();
    app.use(checkReplies());
    app.get(users.path, (_req, res) => {
      res.status(status).json(body);
    });
    app.use(errorHandler());
    return request(app);
  }

  const user = {
    id: 1,
    username: 'a',
    role: 'viewer',
    townshipId: 't',
    displayName: null,
    canApprove: false,
    createdAt: 'x',
    updatedAt: 'x',
    lockedUntil: null,
  };

  it('a reply that matches its schema passes untouched', async () => {
    const res = await appAnswering(user).get('/users/1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(user);
  });

  it('a reply that drifted from its schema becomes 500 REPLY_CONTRACT_BROKEN naming the route and the field', async () => {
    const res = await appAnswering({ ...user, canApprove: 1, passwordHash: 'x' }).get('/users/1');
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('REPLY_CONTRACT_BROKEN');
    expect(res.body.route).toBe('GET /users/:id');
    expect(res.body.errors.map((e: Problem) => e.path).sort()).toEqual(['', '/canApprove']);
  });

  it('an error reply must carry code, message and messageZh', async () => {
    const res = await appAnswering({ error: 'nope' }, 400).get('/users/1');
    expect(res.body.code).toBe('REPLY_CONTRACT_BROKEN');
  });

  it('the document names every operation once, under its OpenAPI path', () => {
    const keys = OPERATIONS.map((op) => `${op.method} ${openApiPath(op.path)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
