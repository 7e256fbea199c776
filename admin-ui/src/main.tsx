/**
 * The entry, small so that it runs as soon as it arrives: it asks for the shell first (its
 * chunks go ahead of the screen's in the browser's queue), then starts the opened screen's
 * requests (boot.ts).
 */
import { startFirstDraw } from './boot';

void import('./shell');
startFirstDraw(window.location.hash);
