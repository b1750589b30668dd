import { Show, type JSX } from 'solid-js';
import { useI18n, type MessageKey } from '../i18n';
import { ErrorAlert } from './feedback';

export const MIN_PASSWORD_LENGTH = 8;

/** "New password" field with hint, error and a submit button; the caller runs the action. */
export function NewPasswordForm(props: {
  id: string;
  submitLabel: MessageKey;
  pending: boolean;
  error: unknown;
  onPassword: (password: string) => void;
  errorExtra?: JSX.Element;
}) {
  const { t } = useI18n();
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    props.onPassword(String(form.get('password') ?? ''));
  };
  return (
    <form class="form card" onSubmit={onSubmit} noValidate aria-busy={props.pending}>
      <div class="field">
        <label for={`${props.id}-password`}>{t('reset.newPassword')}</label>
        <input
          id={`${props.id}-password`}
          name="password"
          type="password"
          autocomplete="new-password"
          minLength={MIN_PASSWORD_LENGTH}
          required
          aria-describedby={`${props.id}-hint`}
        />
        <p class="hint" id={`${props.id}-hint`}>
          {t('reset.hint', { min: MIN_PASSWORD_LENGTH })}
        </p>
      </div>
      <ErrorAlert error={props.error}>{props.errorExtra}</ErrorAlert>
      <div class="form-actions">
        <button type="submit" class="button" disabled={props.pending}>
          {t(props.submitLabel)}
        </button>
        <Show when={props.pending}>
          <span class="pending" role="status">
            {t('reset.pending')}
          </span>
        </Show>
      </div>
    </form>
  );
}
