/**
 * Every screen loads on demand: the first load is the shell (login, menu, layout) only, and a
 * screen's code (CodeMirror, the condition builder, rjsf, the validators) comes when it is opened.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { LinearProgress } from '@mui/material';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyComponent = ComponentType<any>;

/** A screen loaded when first drawn, or earlier through `preload()`. */
export type LazyScreen = AnyComponent & { preload: () => void };

export function lazyScreen(load: () => Promise<{ default: AnyComponent }>): LazyScreen {
  let loading: Promise<{ default: AnyComponent }> | undefined;
  // one download for preload() and the first draw; a failed one may be tried again
  const loadOnce = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  const Lazy = lazy(loadOnce);
  const Screen = (props: Record<string, unknown>) => (
    <Suspense fallback={<LinearProgress sx={{ mt: 2 }} />}>
      <Lazy {...props} />
    </Suspense>
  );
  return Object.assign(Screen, { preload: () => void loadOnce() });
}

/** A screen exported by name from a module loaded on demand. */
export function lazyNamed<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyScreen {
  return lazyScreen(() => load().then((module) => ({ default: module[name] as AnyComponent })));
}
