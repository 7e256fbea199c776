#!/usr/bin/env node
/**
 * `npm start` runs this first: rebuild what is missing or older than its sources, so that
 * `npm install && npm start` works on a fresh clone and after every pull. Quiet when current.
 * `ensure-build.mjs server` or `ensure-build.mjs ui` checks one half only (tests that start the
 * server from the sources need only the UI; the SIGTERM test needs only the server).
 */
import { buildServer, buildUi, serverIsCurrent, uiIsCurrent } from './build-steps.mjs';

const only = process.argv[2];
try {
  if (only !== 'ui' && !serverIsCurrent()) {
    console.log('server build missing or older than the sources: building dist/…');
    buildServer();
  }
  if (only !== 'server' && !uiIsCurrent()) {
    console.log('admin UI build missing or older than the sources: building admin-ui/dist/…');
    buildUi();
  }
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
