#!/usr/bin/env node
/**
 * `npm start` runs this first: rebuild what is missing or older than its sources, so that
 * `npm install && npm start` works on a fresh clone and after every pull. Quiet when current.
 * `ensure-build.mjs ui` checks the admin UI only (the end-to-end tests run the server from the
 * sources).
 */
import { buildServer, buildUi, serverIsCurrent, uiIsCurrent } from './build-steps.mjs';

const uiOnly = process.argv[2] === 'ui';
try {
  if (!uiOnly && !serverIsCurrent()) {
    console.log('server build missing or older than the sources: building dist/…');
    buildServer();
  }
  if (!uiIsCurrent()) {
    console.log('admin UI build missing or older than the sources: building admin-ui/dist/…');
    buildUi();
  }
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
