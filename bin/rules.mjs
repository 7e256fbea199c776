#!/usr/bin/env node
// `npx rules …`: the rules CLI (engine/cli/main.ts), from the sources in a checkout, from dist/ in production
import { runEntry } from '../scripts/run-entry.mjs';

await runEntry('engine/cli/main');
