/**
 * Fuzzing every mounted route: hostile path parameters, query strings, headers and bodies
 * (nulls, wrong types, huge numbers, prototype keys, deep nesting, malformed percent-encoding,
 * malformed JSON, unicode), as an admin and as a viewer. Any 5xx fails, printing the request.
 *
 * Seeded and bounded: FUZZ_RUNS requests per route and role (default 4; a tenth of that for the
 * PDF record); FUZZ_SEED to vary.
 *   FUZZ_RUNS=200 npx vitest run tests/api/fuzz.test.ts
 */
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { hashPassword } from '../../api/features/auth/passwords.js';
import { createLogger } from '../../api/logging/logger.js';
import {
  ADMIN_PASSWORD,
  DATABASES,
  LEAVE_FACTS,
  PASSWORD,
  SEED_PACK,
  SEED_TOWNSHIP,
  bearer,
  setupTownships,
  startApp,
  type TestApp,
} from './helpers/app.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
/** A PDF takes seconds to typeset: a tenth of the runs (at least one) for the record PDF. */
const runsFor = (route: { path: string }) => (route.path.endsWith('.pdf') ? Math.max(1, Math.floor(RUNS / 10)) : RUNS);
const SEED = Number(process.env.FUZZ_SEED ?? 17);

interface Route {
  method: string;
  path: string;
}

/** Every route of the API router and the routers mounted in it, from express's own tables. */
function mountedRoutes(app: any): Route[] {
  const routes: Route[] = [];
  const walk = (stack: any[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) routes.push({ method, path: prefix + layer.route.path });
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + (layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : ''));
      }
    }
  };
  walk(app.router.stack, '');
  const seen = new Set<string>();
  return routes.filter(
    (r) => r.path.startsWith('/api/') && !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`),
  );
}

// ---- hostile values -------------------------------------------------------------------------

const HOSTILE_STRINGS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'draft',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1',
  '2',
  '1e20',
  '1e400',
  '99999999999999999999',
  '9007199254740993',
  '2026-01-01',
  '2026-02-30',
  '9999-99-99',
  'T',
  '%E0%A4%A',
  '%',
  '%zz',
  '%00',
  '../../etc/passwd',
  "'; drop table users; --",
  '<script>alert(1)</script>',
  '=HYPERLINK("x")',
  '乡镇规则',
  '\u0000',
  '\ud800',
  '🙂',
  '\u202e',
  'a'.repeat(5000),
  SEED_PACK,
  'base',
  'town-b-rules',
  'leaveApproval',
  'admin',
  'viewer',
  'director',
  'county-township',
];
const HOSTILE_NUMBERS = [0, -0, -1, 1, 2, 1.5, 1e20, -1e20, 1e308, 2 ** 53 + 1, 2 ** 31, -(2 ** 31) - 1, 5e-324];

/** Keys that routes read, plus prototype keys and junk. */
const KEYS = [
  'id',
  'packId',
  'decision',
  'facts',
  'items',
  'version',
  'asOf',
  'conditions',
  'outcomes',
  'ruleId',
  'caseId',
  'clauseId',
  'parameterId',
  'value',
  'name',
  'title',
  'townshipId',
  'township',
  'role',
  'username',
  'password',
  'displayName',
  'canApprove',
  'bundle',
  'revision',
  'comment',
  'reason',
  'effectiveFrom',
  'basis',
  'bypassApproval',
  'extends',
  'file',
  'disabled',
  'note',
  'overridden',
  'overrideSource',
  'level',
  'text',
  'citations',
  'group',
  'expect',
  'decisions',
  'packVersion',
  'pack',
  'rules',
  'fixtures',
  'parameters',
  'sources',
  'clauses',
  'cases',
  'all',
  'any',
  'not',
  'fact',
  'operator',
  'param',
  'type',
  'roles',
  'step',
  'lock',
  'min',
  'max',
  'unit',
  'label',
  'options',
  'settings',
  'owner',
  'newGroup',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '',
  '乡镇',
  'x'.repeat(300),
];

/** A JSON value as text, built by hand so that keys like "__proto__" and duplicates survive. */
type J = { t: 'raw'; v: string } | { t: 'arr'; v: J[] } | { t: 'obj'; v: [string, J][] };
const text = (j: J): string =>
  j.t === 'raw'
    ? j.v
    : j.t === 'arr'
      ? `[${j.v.map(text).join(',')}]`
      : `{${j.v.map(([k, v]) => `${JSON.stringify(k)}:${text(v)}`).join(',')}}`;
const raw = (v: unknown): J => ({ t: 'raw', v: JSON.stringify(v) });
const fromValue = (v: unknown): J =>
  Array.isArray(v)
    ? { t: 'arr', v: v.map(fromValue) }
    : v !== null && typeof v === 'object'
      ? { t: 'obj', v: Object.entries(v).map(([k, x]) => [k, fromValue(x)]) }
      : raw(v);

const leaf: fc.Arbitrary<J> = fc.oneof(
  fc.constantFrom(null, true, false).map(raw),
  fc.constantFrom(...HOSTILE_NUMBERS).map(raw),
  fc.constant<J>({ t: 'raw', v: '1e400' }),
  fc.constant<J>({ t: 'raw', v: '-0' }),
  fc.constant<J>({ t: 'raw', v: '123456789012345678901234567890' }),
  fc.constantFrom(...HOSTILE_STRINGS).map(raw),
  fc.string({ unit: 'binary', maxLength: 30 }).map(raw),
  fc.integer().map(raw),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(raw),
);
/** Deep nesting, written as text: past the bound the server must refuse it, not overflow. */
const deep: fc.Arbitrary<J> = fc
  .tuple(fc.constantFrom(40, 150, 2_000, 20_000), fc.constantFrom('all', 'not', 'arr', 'obj'))
  .map(([n, kind]) => {
    const open = kind === 'arr' ? '[' : kind === 'obj' ? '{"a":' : kind === 'not' ? '{"not":' : '{"all":[';
    const close = kind === 'arr' ? ']' : kind === 'obj' ? '}' : kind === 'not' ? '}' : ']}';
    return {
      t: 'raw',
      v: open.repeat(n) + '{"fact":"days","operator":"greaterThan","value":1}' + close.repeat(n),
    } as J;
  });
const { value: jsonValue } = fc.letrec<{ value: J }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: leaf, weight: 6 },
    { arbitrary: fc.array(tie('value'), { maxLength: 4 }).map((v): J => ({ t: 'arr', v })), weight: 1 },
    {
      arbitrary: fc
        .array(fc.tuple(fc.constantFrom(...KEYS), tie('value')), { maxLength: 5 })
        .map((v): J => ({ t: 'obj', v })),
      weight: 2,
    },
    { arbitrary: deep, weight: 1 },
  ),
}));

/** Change a valid body: replace, drop or add one field at any depth. */
function mutate(sample: unknown): fc.Arbitrary<J> {
  const base = fromValue(sample);
  const paths: number[][] = [];
  const collect = (j: J, at: number[]) => {
    paths.push(at);
    if (j.t !== 'raw' && at.length < 8)
      j.v.forEach((child, i) => collect(j.t === 'obj' ? (child as [string, J])[1] : (child as J), [...at, i]));
  };
  collect(base, []);
  return fc
    .tuple(fc.constantFrom(...paths), fc.constantFrom('replace', 'drop', 'add'), fc.constantFrom(...KEYS), jsonValue)
    .map(([at, how, key, value]) => {
      const copy: J = structuredClone(base);
      if (at.length === 0) return how === 'replace' ? value : copy;
      let parent: J = copy;
      for (const i of at.slice(0, -1)) parent = parent.t === 'obj' ? parent.v[i][1] : (parent as { v: J[] }).v[i];
      const last = at[at.length - 1];
      if (parent.t === 'raw') return copy;
      if (how === 'drop') parent.v.splice(last, 1);
      else if (how === 'replace') {
        if (parent.t === 'obj') parent.v[last] = [parent.v[last][0], value];
        else parent.v[last] = value;
      } else if (parent.t === 'obj') parent.v.push([key, value]);
      else parent.v.push(value);
      return copy;
    });
}

// ---- requests -----------------------------------------------------------------------------------

/** Percent-encoded text; a lone surrogate becomes its (invalid) UTF-8 bytes. */
const encode = (s: string): string => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};
/** Percent-encoded text, or a malformed escape left as is. */
const urlPart = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(encode), weight: 3 },
  { arbitrary: fc.constantFrom('%E0%A4%A', '%', '%zz', '%C0%AF', '%ED%A0%80', '%FF', '%25'), weight: 1 },
);
const jsonQuery = fc.oneof(
  jsonValue.map((j) => encode(text(j))),
  fc
    .constantFrom(
      '["constructor","ASC"]',
      '["__proto__","DESC"]',
      '["id","sideways"]',
      '[0,1e20]',
      '[-1,5]',
      '[5,1]',
      '[0,999999]',
      '[0.5,2]',
      '{"__proto__":null}',
      '{"constructor":1}',
      '{"packId":{"$gt":""}}',
      '{"id":"abc"}',
      '{"id":1e300}',
      '{"q":"%"}',
      '{"from":"x"}',
      '{"to":"9999-99-99"}',
      '{"outcomeType":[null]}',
      '{"townshipId":null}',
      '{"awaitingMe":true}',
      '{"packId":"county-township-cadres"}',
      '{"id":[1,"x",null]}',
    )
    .map(encode),
);
const QUERY_KEYS = [
  'sort',
  'range',
  'filter',
  'format',
  'version',
  'asOf',
  'decision',
  'name',
  'from',
  'to',
  'lang',
  'async',
  'extends',
  'inForceOn',
  'township',
  'packId',
  'revision',
  'q',
  '__proto__',
  'constructor',
];
const queryString = fc
  .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.oneof(urlPart, jsonQuery), fc.boolean()), { maxLength: 4 })
  .map((pairs) => pairs.map(([k, v, dup]) => (dup ? `${k}=${v}&${k}=${v}` : `${k}=${v}`)).join('&'));

/** ra-data-simple-rest list parameters, each hostile in its own way. */
const listQueryString = fc
  .tuple(
    fc.option(
      fc.constantFrom(
        '["constructor","ASC"]',
        '["__proto__","DESC"]',
        '["toString"]',
        '["id","sideways"]',
        '"id"',
        '[1,2]',
        '["id","ASC","x"]',
        '["id","DESC"]',
      ),
      { freq: 3 },
    ),
    fc.option(
      fc.constantFrom(
        '[0,1e20]',
        '[1e20,1e21]',
        '[-1,5]',
        '[5,1]',
        '[0.5,2]',
        '[0]',
        '{"0":0}',
        '[0,9]',
        '[9007199254740991,9007199254740992]',
      ),
      { freq: 3 },
    ),
    fc.option(
      fc.constantFrom(
        '{"__proto__":null}',
        '{"constructor":1}',
        '{"toString":"x"}',
        '{"id":"abc"}',
        '{"id":1e300}',
        '{"id":[1,"x",null]}',
        '{"packId":{"a":1}}',
        '{"packId":[[1]]}',
        '{"q":"%_\\\\"}',
        '{"from":"x","to":"9999-99-99"}',
        '{"outcomeType":[null]}',
        '[]',
        'null',
        '"x"',
      ),
      { freq: 3 },
    ),
  )
  .map(([sort, range, filter]) =>
    Object.entries({ sort, range, filter })
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k}=${encode(v!)}`)
      .join('&'),
  );

const HEADER_VALUES = [
  '%E0%A4%A',
  '"7"',
  'W/"1"',
  '*',
  '"abc"',
  '"1e400"',
  '',
  'x'.repeat(2000),
  '../../x',
  '=cmd',
  '%F0%9F%99%82.xlsx',
  'a.docx',
];
const headers = fc.record(
  {
    'If-Match': fc.option(fc.constantFrom(...HEADER_VALUES), { nil: undefined }),
    'X-File-Name': fc.option(fc.constantFrom(...HEADER_VALUES), { nil: undefined }),
    'Accept-Language': fc.option(fc.constantFrom('en', 'zh', '*', '%%%'), { nil: undefined }),
  },
  { requiredKeys: [] },
);

interface FuzzRequest {
  method: string;
  url: string;
  contentType: string;
  body: string | undefined;
  headers: Record<string, string | undefined>;
}

function describeRequest(r: FuzzRequest): string {
  const body =
    r.body === undefined
      ? ''
      : `\n  body (${r.contentType}, ${r.body.length} chars): ${r.body.length > 600 ? r.body.slice(0, 600) + '…' : r.body}`;
  return `${r.method.toUpperCase()} ${r.url}\n  headers: ${JSON.stringify(r.headers)}${body}`;
}

describe.each(DATABASES)('fuzzing every route on %s', (kind) => {
  let t: TestApp;
  let routes: Route[];
  /** The app the fuzzer talks to: the same database, with the server's error log kept for the report. */
  let fuzzHttp: ReturnType<typeof request>;
  let serverError: unknown;
  const tokens: Record<'admin' | 'viewer', string> = { admin: '', viewer: '' };
  const ids: Record<string, string[]> = {};
  const samples: Record<string, unknown[]> = {};
  let fuzzed = 0;
  const byStatus = new Map<string, number>();

  beforeAll(async () => {
    t = await startApp(kind);
    const users = await setupTownships(t);
    tokens.admin = t.adminToken;
    tokens.viewer = users.viewerA;
    // a 5xx is logged at error level with its stack: keep it to print beside the reproducing request
    const logger = createLogger({
      level: 'error',
      destination: {
        write: (line: string) => {
          serverError = JSON.parse(line).err?.stack ?? line;
        },
      },
    });
    const app = createApp({ db: t.db, config: t.config, logger });
    fuzzHttp = request(app);
    routes = mountedRoutes(app);
    const admin = bearer(t.adminToken);
    // real ids, so that some requests get past "not found" into the handlers
    for (const list of [
      'rules',
      'fixtures',
      'parameters',
      'sources',
      'versions',
      'users',
      'townships',
      'audit-events',
      'publish-requests',
      'decisions',
    ]) {
      const res = await t.http
        .get(`/api/${list}`)
        .query({
          filter: JSON.stringify(
            list === 'users' ||
              list === 'townships' ||
              list === 'audit-events' ||
              list === 'publish-requests' ||
              list === 'decisions'
              ? {}
              : { packId: SEED_PACK },
          ),
          range: '[0,2]',
        })
        .set(admin);
      ids[list] = (res.body ?? []).map((r: { id: unknown }) => encodeURIComponent(String(r.id)));
    }
    await t.http
      .post(`/api/packs/${SEED_PACK}/evaluate`)
      .set(admin)
      .send({ decision: 'leaveApproval', facts: LEAVE_FACTS });
    const exported = (await t.http.get(`/api/packs/${SEED_PACK}/export?version=draft`).set(admin)).body;
    const rule = (await t.http.get(`/api/rules/${ids.rules[0]}`).set(admin)).body;
    const fixture = (await t.http.get(`/api/fixtures/${ids.fixtures[0]}`).set(admin)).body;
    const parameter = (await t.http.get(`/api/parameters/${ids.parameters[0]}`).set(admin)).body;
    const source = (await t.http.get(`/api/sources/${ids.sources[0]}`).set(admin)).body;
    Object.assign(samples, {
      evaluate: [
        { decision: 'leaveApproval', facts: LEAVE_FACTS },
        { items: [{ decision: 'leaveApproval', facts: LEAVE_FACTS, asOf: '2026-01-01' }] },
      ],
      import: [{ bundle: exported }],
      rules: [rule],
      fixtures: [fixture],
      parameters: [parameter],
      sources: [source],
      packs: [{ id: 'fuzz-pack', name: '模糊测试', townshipId: 'county-township', extends: 'base' }],
      users: [
        {
          username: 'fuzz-user',
          password: 'password-1234',
          role: 'viewer',
          townshipId: 'county-township',
          canApprove: false,
        },
      ],
      townships: [{ id: 'fuzz-town', name: '模糊镇', level: 'township' }],
      publish: [{ effectiveFrom: '2030-01-01', basis: '会议纪要', bypassApproval: { reason: '测试' } }],
      review: [{ comment: '同意', reason: '原因' }],
      whatIf: [{ decisions: 10, version: 1 }],
      tokens: [{ name: 'fuzz' }],
      login: [{ username: 'nobody', password: 'wrong-password' }],
    });
  });
  afterAll(async () => {
    const statuses = [...byStatus]
      .sort()
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ');
    console.log(
      `fuzz (${kind}): ${fuzzed} requests over ${routes?.length ?? 0} routes, ${RUNS} runs per route and role (${statuses})`,
    );
    await t?.close();
  });

  function sampleBodies(route: Route): unknown[] {
    const p = route.path;
    if (p.includes('/evaluate')) return samples.evaluate;
    if (p.endsWith('/packs/import')) return samples.import;
    if (p.endsWith('/publish') || p.includes('/reschedule') || p.endsWith('/rollback')) return samples.publish;
    if (p.includes('/what-if')) return samples.whatIf;
    if (/approve|reject|withdraw|cancel/.test(p)) return samples.review;
    if (p.startsWith('/api/auth/login')) return samples.login;
    if (p.startsWith('/api/auth/tokens')) return samples.tokens;
    for (const name of ['rules', 'fixtures', 'parameters', 'sources', 'packs', 'users', 'townships'])
      if (p.startsWith(`/api/${name}`)) return samples[name];
    return [{}];
  }

  function pathValues(route: Route, param: string): string[] {
    const collection = route.path.split('/')[2];
    const real = param === 'id' && ids[collection]?.length ? ids[collection] : [];
    const packs = route.path.startsWith('/api/packs/') && param === 'id' ? [SEED_PACK, 'base', 'town-b-rules'] : [];
    const numbers = ['n', 'version'].includes(param) ? ['1', '2'] : [];
    return [...real, ...packs, ...numbers];
  }

  function requestFor(route: Route): fc.Arbitrary<FuzzRequest> {
    const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    const paramArbs = params.map((p) => {
      const good = pathValues(route, p);
      return good.length
        ? fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 3 }, { arbitrary: urlPart, weight: 1 })
        : urlPart;
    });
    const body = fc.oneof(
      {
        arbitrary: fc
          .constantFrom(...sampleBodies(route))
          .chain(mutate)
          .map((j) => ({ type: 'application/json', text: text(j) as string | undefined })),
        weight: 5,
      },
      {
        arbitrary: jsonValue.map((j) => ({ type: 'application/json', text: text(j) as string | undefined })),
        weight: 2,
      },
      {
        arbitrary: fc
          .constantFrom('{', '{"a":}', 'nul', '[1,]', '"\\ud800"', '{"a":1}{', '\u0000', '')
          .map((s) => ({ type: 'application/json', text: s as string | undefined })),
        weight: 1,
      },
      {
        arbitrary: fc
          .tuple(
            fc.constantFrom(
              'text/plain',
              'application/octet-stream',
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              'multipart/form-data',
              'application/json; charset=latin1',
            ),
            fc.string({ unit: 'binary', maxLength: 200 }),
          )
          .map(([type, s]) => ({ type, text: s as string | undefined })),
        weight: 1,
      },
      { arbitrary: fc.constant({ type: 'application/json', text: undefined as string | undefined }), weight: 1 },
    );
    const query =
      route.method === 'get'
        ? fc.oneof({ arbitrary: listQueryString, weight: 2 }, { arbitrary: queryString, weight: 1 })
        : queryString;
    return fc
      .record({ values: fc.tuple(...paramArbs), query, headers, body })
      .map(({ values, query, headers: h, body: b }) => {
        let path = route.path;
        params.forEach((p, i) => {
          path = path.replace(`:${p}`, (values as string[])[i]);
        });
        return {
          method: route.method,
          url: query ? `${path}?${query}` : path,
          contentType: b.type,
          body: route.method === 'get' || route.method === 'delete' ? undefined : b.text,
          headers: Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>,
        };
      });
  }

  async function send(r: FuzzRequest, token: string) {
    let req = (fuzzHttp as any)[r.method](r.url).set(bearer(token));
    for (const [k, v] of Object.entries(r.headers)) if (v !== undefined) req = req.set(k, v);
    if (r.body !== undefined) req = req.set('Content-Type', r.contentType).send(r.body);
    fuzzed++;
    return req;
  }

  /**
   * The fuzzer may log out, change a password, demote or delete its own users: put the user back
   * as set up (straight in the database, as an operator would) and log in again.
   */
  async function freshToken(role: 'admin' | 'viewer'): Promise<void> {
    const me = await fuzzHttp.get('/api/auth/me').set(bearer(tokens[role]));
    if (me.status === 200 && me.body.role === role) return;
    const username = role === 'admin' ? 'admin' : 'viewer-a';
    const password = role === 'admin' ? ADMIN_PASSWORD : PASSWORD;
    const user = {
      password_hash: await hashPassword(password),
      role,
      township_id: role === 'admin' ? null : SEED_TOWNSHIP,
    };
    const updated = await t.db('users').where({ username }).update(user);
    if (!updated)
      await t.db('users').insert({
        username,
        ...user,
        display_name: username,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      });
    tokens[role] = await t.login(username, password);
  }

  /**
   * A seed corpus run before the random requests on every route: the shapes that once broke a
   * route (prototype keys, unbounded ranges, null files, deep nesting), on its first path values.
   */
  function corpusFor(route: Route): FuzzRequest[] {
    let path = route.path;
    for (const [, p] of route.path.matchAll(/:(\w+)/g)) path = path.replace(`:${p}`, pathValues(route, p)[0] ?? 'x');
    const json = (body: string): FuzzRequest => ({
      method: route.method,
      url: path,
      contentType: 'application/json',
      body,
      headers: {},
    });
    if (route.method === 'get' || route.method === 'delete') {
      return [
        'sort=%5B%22constructor%22%2C%22ASC%22%5D',
        'filter=%7B%22__proto__%22%3Anull%7D',
        'range=%5B0%2C1e20%5D',
        'filter=%7B%22id%22%3A%22abc%22%7D',
      ].map((query) => ({
        method: route.method,
        url: `${path}?${query}`,
        contentType: 'application/json',
        body: undefined,
        headers: {},
      }));
    }
    const sample = text(fromValue(sampleBodies(route)[0]));
    return [
      json('null'),
      json('[]'),
      json('{"__proto__":{"x":1},"constructor":null}'),
      // a known field null, e.g. {"bundle": {"rules": null, …}}
      ...['rules', 'fixtures', 'sources', 'parameters', 'facts', 'conditions', 'outcomes', 'items', 'bundle']
        .filter((key) => sample.includes(`"${key}":`))
        .map((key) => json(sample.replace(`"${key}":`, `"${key}":null,"_":`))),
      json('{"a":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}'),
    ];
  }

  for (const role of ['admin', 'viewer'] as const) {
    it(`no request to any route answers 5xx, as ${role === 'admin' ? 'an admin' : 'a viewer'}`, async () => {
      expect(routes.length).toBeGreaterThan(60);
      const failures: string[] = [];
      for (const route of routes) {
        await freshToken(role);
        const details = await fc.check(
          fc.asyncProperty(requestFor(route), async (r) => {
            serverError = undefined;
            const res = await send(r, tokens[role]);
            byStatus.set(String(res.status), (byStatus.get(String(res.status)) ?? 0) + 1);
            if (res.status >= 500) {
              const cause = String(serverError ?? '')
                .split('\n')
                .slice(0, 4)
                .join('\n    ');
              throw new Error(`${res.status} ${JSON.stringify(res.body).slice(0, 300)}\n    ${cause}`);
            }
            // the fuzzer logged out (or its user changed): log in again for the next request
            if (res.status === 401) await freshToken(role);
          }),
          {
            seed: SEED,
            numRuns: runsFor(route),
            endOnFailure: true,
            examples: corpusFor(route).map((r) => [r] as [FuzzRequest]),
          },
        );
        if (details.failed) {
          const r = details.counterexample![0] as FuzzRequest;
          failures.push(
            `${route.method.toUpperCase()} ${route.path} (seed ${details.seed}, path ${details.counterexamplePath}):\n  ${describeRequest(r)}\n  → ${(details.errorInstance as Error)?.message}`,
          );
        }
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    }, 600_000);
  }
});
