/**
 * Unmounts what a DOM test rendered once the test ends. Testing Library only registers this
 * itself when vitest's globals are on; without it React keeps scheduling work after jsdom is
 * torn down and the run fails with "window is not defined" from a test that passed.
 */
import { afterEach } from 'vitest';

if (typeof document !== 'undefined') {
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => cleanup());
}
