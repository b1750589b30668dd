import { ErrorBoundary, Show, Suspense, type JSX, type ParentProps } from 'solid-js';
import { useI18n } from '../i18n';

/** A translated error for screen readers and eyes; never the raw error. */
export function ErrorAlert(props: { error: unknown; children?: JSX.Element }) {
  const { errorText } = useI18n();
  return (
    <Show when={props.error}>
      <div class="alert alert-error" role="alert">
        <p>{errorText(props.error)}</p>
        {props.children}
      </div>
    </Show>
  );
}

export function SuccessAlert(props: ParentProps) {
  return (
    <div class="alert alert-success" role="status">
      {props.children}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {t('app.loading')}
    </p>
  );
}

/** Loading (Suspense) and error (ErrorBoundary with "Try again") states around a read. */
export function AsyncBoundary(props: ParentProps<{ retry: () => void }>) {
  const { t } = useI18n();
  return (
    <ErrorBoundary
      fallback={(error, reset) => {
        if (import.meta.env.DEV) console.error(error);
        return (
          <ErrorAlert error={error}>
            <button
              type="button"
              class="button button-secondary"
              onClick={() => {
                props.retry();
                reset();
              }}
            >
              {t('app.retry')}
            </button>
          </ErrorAlert>
        );
      }}
    >
      <Suspense fallback={<Loading />}>{props.children}</Suspense>
    </ErrorBoundary>
  );
}
