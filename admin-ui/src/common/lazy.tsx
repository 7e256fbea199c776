/** Heavy screens (rule editor with CodeMirror and the condition builder, rjsf forms) load on demand. */
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
