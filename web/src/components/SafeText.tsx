import { ErrorBoundary, Suspense } from 'solid-js';

/** Text computed from async data, with a plain fallback while it loads or if it failed. */
export function SafeText(props: { value: () => string | undefined; fallback: string }) {
  return (
    <ErrorBoundary fallback={props.fallback}>
      <Suspense fallback={props.fallback}>{props.value() ?? props.fallback}</Suspense>
    </ErrorBoundary>
  );
}
