#!/usr/bin/env node
/** `npm run build`: the server, CLI and migrations into dist/, the admin UI into admin-ui/dist/. */
import { buildServer, buildUi } from './build-steps.mjs';

try {
  buildServer();
  buildUi();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
