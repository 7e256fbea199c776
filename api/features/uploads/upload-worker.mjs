/**
 * Worker entry when the server runs from TypeScript sources (`node --import tsx`, `tsx`,
 * vitest): a worker thread starts without the parent's loader hooks, so tsx is registered here
 * before the tasks are imported. A build to JavaScript loads upload-tasks.js directly instead.
 */
import { register } from 'tsx/esm/api';

register();
const tasks = await import('./upload-tasks.ts');

export const { readTrial, writeTrial, readFixtures, draftDocument } = tasks;
