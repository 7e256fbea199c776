/** Upload parsing for the API: the worker pool and the cap on concurrent heavy requests. */
import { uploadSettingsFromEnv, type UploadSettings } from '../../config.js';
import { UploadGate } from './upload-gate.js';
import { UploadPool } from './upload-pool.js';

export interface Uploads {
  pool: UploadPool;
  gate: UploadGate;
  close(): Promise<void>;
}

export function createUploads(settings: UploadSettings, log?: (...args: unknown[]) => void): Uploads {
  const pool = new UploadPool(settings, log);
  return { pool, gate: new UploadGate(settings.perServer, settings.perUser), close: () => pool.close() };
}

let shared: Uploads | undefined;

/** For routers mounted without one (tests of a single router): one per process, settings from the environment. */
export function defaultUploads(): Uploads {
  return (shared ??= createUploads(uploadSettingsFromEnv()));
}
