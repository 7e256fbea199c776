/**
 * Every screen loads on demand: the first load is the shell (login, menu, layout) only, and a
 * screen's code (CodeMirror, the condition builder, rjsf, the validators) comes when it is opened.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { LinearProgress } from '@mui/material';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyComponent = ComponentType<any>;

export function lazyScreen(load: () => Promise<{ default: AnyComponent }>): AnyComponent {
  const Lazy = lazy(load);
  const Screen = (props: Record<string, unknown>) => (
    <Suspense fallback={<LinearProgress sx={{ mt: 2 }} />}>
      <Lazy {...props} />
    </Suspense>
  );
  return Screen;
}

/** A screen exported by name from a module loaded on demand. */
export function lazyNamed<M, K extends keyof M>(load: () => Promise<M>, name: K): AnyComponent {
  return lazyScreen(() => load().then((module) => ({ default: module[name] as AnyComponent })));
}
