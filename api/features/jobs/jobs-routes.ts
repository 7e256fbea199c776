/**
 * The routes every job kind has, under its own path (the admin UI polls these URLs):
 *
 *   GET    <path>/:job           the job's view (owner or admin)
 *   POST   <path>/:job/cancel    cancel a queued or running job; answers the view
 *   DELETE <path>/:job           the same
 */
import { Router, type Request, type Response } from 'express';
import { identityOf } from '../../http/request.js';
import { validate } from '../../http/validate.js';
import type { Job } from './jobs-store.js';
import type { JobsService } from './jobs-service.js';

export function jobRoutes(jobs: JobsService, kind: string, path: string, view: (job: Job) => unknown): Router {
  const router = Router();
  router.get(`${path}/:job`, validate(`GET ${path}/:job`), async (req, res) => {
    res.json(view(await jobs.get(identityOf(res), kind, req.params.job)));
  });
  const cancel = async (req: Request<{ job: string }>, res: Response) => {
    res.json(view(await jobs.cancel(identityOf(res), kind, req.params.job)));
  };
  router.post(`${path}/:job/cancel`, validate(`POST ${path}/:job/cancel`), cancel);
  router.delete(`${path}/:job`, validate(`DELETE ${path}/:job`), cancel);
  return router;
}
