/**
 * createApp(deps) → the express app: the API under /api and, when built, the admin UI at /.
 * main.ts and the tests both call it; nothing here reads the environment.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Config } from './config.js';
import type { Db } from './db/knex.js';
import { ForbiddenError, NotFoundError, errorHandler } from './errors.js';
import { corsFor, securityHeaders } from './http/security-headers.js';
import { readiness } from './lifecycle/readiness.js';
import { httpLogger } from './logging/http-logger.js';
import { silentLogger, type Logger } from './logging/logger.js';
import { adminUiAssets } from './http/admin-ui-assets.js';
import { refuseDeepBodies } from './http/body-depth.js';
import { validate } from './http/validate.js';
import { auditRoutes } from './features/audit/audit-routes.js';
import { AuditService } from './features/audit/audit-service.js';
import { AuditStore } from './features/audit/audit-store.js';
import { authRoutes, loginRoute } from './features/auth/auth-routes.js';
import { AuthService } from './features/auth/auth-service.js';
import { AuthStore } from './features/auth/auth-store.js';
import { DecisionLog } from './features/decisions/decision-log.js';
import { decisionsRoutes } from './features/decisions/decisions-routes.js';
import { DecisionsService } from './features/decisions/decisions-service.js';
import { DecisionsStore } from './features/decisions/decisions-store.js';
import { WhatIfService } from './features/decisions/what-if-service.js';
import { draftingRoutes } from './features/drafting/drafting-routes.js';
import { draftRoutes } from './features/drafts/drafts-routes.js';
import { DraftsService } from './features/drafts/drafts-service.js';
import { evaluationRoutes } from './features/evaluation/evaluation-routes.js';
import { EvaluationService } from './features/evaluation/evaluation-service.js';
import { PackBuilder } from './features/evaluation/pack-builder.js';
import { JobsService } from './features/jobs/jobs-service.js';
import { JobsStore } from './features/jobs/jobs-store.js';
import { fixturesRoutes } from './features/fixtures/fixtures-routes.js';
import { FixturesService } from './features/fixtures/fixtures-service.js';
import { onboardingRoutes } from './features/onboarding/onboarding-routes.js';
import { OnboardingService } from './features/onboarding/onboarding-service.js';
import { ProposalsStore } from './features/onboarding/proposals-store.js';
import { PackCatalog } from './features/packs/pack-catalog.js';
import { packsRoutes } from './features/packs/packs-routes.js';
import { PacksService } from './features/packs/packs-service.js';
import { PacksStore } from './features/packs/packs-store.js';
import { openApiRoutes } from './openapi/openapi-routes.js';
import { checkReplies, replyCheckEnabled } from './openapi/reply-check.js';
import { findCjkFont } from './features/records/record-pdf.js';
import { recordsRoutes } from './features/records/records-routes.js';
import { sheetsRoutes } from './features/sheets/sheets-routes.js';
import { townshipsRoutes } from './features/townships/townships-routes.js';
import { createUploads } from './features/uploads/uploads.js';
import { TownshipsService } from './features/townships/townships-service.js';
import { TownshipsStore } from './features/townships/townships-store.js';
import { usersRoutes } from './features/users/users-routes.js';
import { UsersService } from './features/users/users-service.js';
import { UsersStore } from './features/users/users-store.js';
import { publishRequestsRoutes } from './features/publish-requests/publish-requests-routes.js';
import { PublishRequestsStore } from './features/publish-requests/publish-requests-store.js';
import { PublishingService } from './features/publish-requests/publishing-service.js';
import { versionsRoutes } from './features/versions/versions-routes.js';
import { VersionsService } from './features/versions/versions-service.js';
import { VersionsStore } from './features/versions/versions-store.js';

export interface AppDeps {
  db: Db;
  config: Config;
  /** request and error logs (silent when omitted, as in tests) */
  logger?: Logger;
}

export function createServices({ db, config, logger }: AppDeps) {
  const auditStore = new AuditStore(db);
  const audit = new AuditService(auditStore);
  const usersStore = new UsersStore(db);
  const townships = new TownshipsStore(db);
  const packsStore = new PacksStore(db);
  const versionsStore = new VersionsStore(db);
  const catalog = new PackCatalog(packsStore, versionsStore);
  const builder = new PackBuilder(versionsStore);
  const drafts = new DraftsService(db, packsStore, catalog, builder, audit);
  const versions = new VersionsService(db, config, packsStore, versionsStore, catalog, builder, drafts, audit);
  const decisionsStore = new DecisionsStore(db);
  const decisionLog = new DecisionLog(decisionsStore, catalog);
  const evaluation = new EvaluationService(catalog, builder, drafts, decisionLog);
  // what-if runs and batch trials: rows any server process on the database can run and poll
  const jobs = new JobsService(new JobsStore(db), config.jobs, logger);
  const whatIf = new WhatIfService(decisionsStore, decisionLog, catalog, builder, evaluation, jobs);
  const decisions = new DecisionsService(decisionsStore, decisionLog, catalog);
  versions.publishPreview = (identity, packId, draft, inForce) =>
    whatIf.publishPreview(identity, packId, draft, inForce);
  const publishing = new PublishingService(
    db,
    new PublishRequestsStore(db),
    versions,
    versionsStore,
    drafts,
    builder,
    catalog,
    usersStore,
    packsStore,
    audit,
  );
  drafts.onDraftEdited = (trx, identity, packId, townshipId) =>
    publishing.withdrawOnEdit(trx, identity, packId, townshipId);
  const onboarding = new OnboardingService(drafts, new ProposalsStore(db));
  // the publish gate knows the review list: unconfirmed proposals block publishing
  publishing.proposalsOf = (packId) => onboarding.proposalsOf(packId);
  const fixtures = new FixturesService(catalog, evaluation, versions);
  const packs = new PacksService(db, packsStore, versionsStore, townships, catalog, builder, drafts, audit);
  const auth = new AuthService(db, new AuthStore(db), usersStore, audit, config.sessionHours, config.login);
  // uploads are parsed in worker threads; uploads.close() stops them at shutdown
  const users = new UsersService(usersStore, townships, audit, auth);
  const townshipsService = new TownshipsService(townships, audit);
  const uploads = createUploads(config.uploads, (error) =>
    (logger ?? silentLogger).error({ err: error }, 'upload worker failed'),
  );
  return {
    jobs,
    decisions,
    users,
    townshipsService,
    uploads,
    onboarding,
    publishing,
    decisionsStore,
    decisionLog,
    whatIf,
    fixtures,
    audit,
    auditStore,
    usersStore,
    townships,
    packsStore,
    versionsStore,
    catalog,
    builder,
    drafts,
    versions,
    evaluation,
    packs,
    auth,
  };
}

export type Services = ReturnType<typeof createServices>;

/** API tokens (systems) may only evaluate. */
const EVALUATE_PATH = /^\/packs\/[^/]+\/evaluate(\/batch)?$/;

export type App = Express & {
  services: Services;
  /** SIGTERM: refuse new jobs, finish or fail running ones within `graceMs`, flush buffered writes */
  drain(graceMs: number): Promise<void>;
};

export function createApp(deps: AppDeps): App {
  const { config, db } = deps;
  const logger = deps.logger ?? silentLogger;
  const services = createServices(deps);
  const app = express() as App;
  app.services = services;
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  // behind a reverse proxy every client would otherwise share the proxy's address (and its throttle)
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  app.use(httpLogger(logger));
  app.use(securityHeaders());

  let draining = false;
  const api = express.Router();
  api.use(corsFor(config.corsOrigins));
  api.use(express.json({ limit: config.bodyLimit }));
  api.use(refuseDeepBodies);
  // tests: every JSON reply must match its documented schema
  if (replyCheckEnabled) api.use(checkReplies());
  // answers depend on the login and change on publish: never let a browser reuse one (the ETag
  // carries the draft revision for If-Match, not a cache validator)
  api.use((_req: Request, res: Response, next: NextFunction) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  // probes, without a token: /health = the process answers, /ready = it can serve
  api.get('/health', validate('GET /health'), (_req, res) => {
    res.json({ ok: true });
  });
  api.get('/ready', validate('GET /ready'), async (req, res) => {
    const { error, ...state } = await readiness(db, draining);
    if (error) req.log.warn({ error }, 'not ready');
    res.status(state.ready ? 200 : 503).json(state);
  });
  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'OPTIONS') return next();
    const identity = services.auth.cachedIdentity(req) ?? (await services.auth.authenticate(req));
    if (identity.kind === 'api' && !(req.method === 'POST' && EVALUATE_PATH.test(req.path))) {
      throw new ForbiddenError('API tokens may only evaluate', 'API 令牌只能用于规则计算');
    }
    res.locals.identity = identity;
    next();
  };
  // the hot path, authenticated by its own routes: an evaluation does not walk the public
  // routers below (the API description, login) on its way
  evaluationRoutes(api, services.evaluation, authenticate);
  // the API's description, public like the probes
  api.use(openApiRoutes());
  api.use(loginRoute(services.auth));
  api.use(authenticate);
  api.use(authRoutes(services.auth));
  api.use(packsRoutes(services.packs, services.versions));
  api.use(fixturesRoutes(services.fixtures));
  // spreadsheets; before the audit routes, so /audit-events/export is not an event id
  const sheets = sheetsRoutes({ ...services, bodyLimit: config.bodyLimit });
  api.use(sheets);
  api.use(draftRoutes(services.drafts));
  api.use(onboardingRoutes(services.onboarding)); // rule proposals from a regulation, confirmed by the township
  api.use(publishRequestsRoutes(services.publishing));
  api.use(recordsRoutes(services, { font: findCjkFont({ RULES_PDF_FONT: config.pdfFont }) })); // the printable record of a version
  api.use(versionsRoutes(services.versionsStore, services.catalog, services.versions));
  api.use(auditRoutes(services.auditStore, services.catalog));
  api.use(usersRoutes(services.users));
  api.use(townshipsRoutes(services.townshipsService));
  api.use(decisionsRoutes(services.decisions, services.whatIf, services.jobs));
  // a regulation document in, a draft pack out; nothing is stored
  api.use(draftingRoutes({ limit: '20mb', uploads: services.uploads }));
  api.use((req) => {
    throw new NotFoundError('route', `${req.method} /api${req.path}`, '接口');
  });
  api.use(errorHandler(logger));
  app.use('/api', api);

  // the admin UI (built by another issue): static files with an SPA fallback to index.html
  if (existsSync(join(config.adminUiDir, 'index.html'))) {
    app.use(adminUiAssets(config.adminUiDir));
  } else {
    app.get('/', (_req, res) => {
      res
        .type('text/plain')
        .send('Rules API: see /api/health. The admin UI is served here once admin-ui/dist is built.');
    });
  }
  app.use(errorHandler(logger));
  // jobs queued or lost before this process started are picked up from here on
  services.jobs.start();

  app.drain = async (graceMs) => {
    draining = true;
    await services.jobs.drain(graceMs);
    // decisions evaluated so far are buffered for a batched insert: write them before the pool closes
    await services.decisionLog.drain();
    await services.uploads.close();
    await services.auth.close();
    await services.packsStore.generationSignal.close();
  };
  return app;
}
