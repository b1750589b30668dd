import { A, useAction, useSubmission } from '@solidjs/router';
import { Show } from 'solid-js';
import { ErrorAlert, SuccessAlert } from '../components/feedback';
import { SupportContact } from '../components/SupportContact';
import { usePageTitle } from '../components/title';
import { useI18n } from '../i18n';
import { maskEmail } from '../lib/mask';
import { requestPasswordReset } from './forgot-password.data';

export default function ForgotPasswordPage() {
  const { t } = useI18n();
  usePageTitle('forgot.title');
  const submit = useAction(requestPasswordReset);
  const submission = useSubmission(requestPasswordReset);

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    submit(String(form.get('email') ?? '')).catch(() => {});
  };

  return (
    <div class="page page-narrow">
      <h1>{t('forgot.title')}</h1>
      <p class="lead">{t('forgot.intro')}</p>
      <form class="form card" onSubmit={onSubmit} noValidate aria-busy={submission.pending ?? false}>
        <div class="field">
          <label for="forgot-email">{t('forgot.email')}</label>
          <input id="forgot-email" name="email" type="email" autocomplete="username" inputmode="email" required />
        </div>
        <ErrorAlert error={submission.error} />
        <Show when={submission.result}>
          {(result) => (
            <SuccessAlert>
              <p>{t('forgot.sent', { email: maskEmail(result().email) })}</p>
            </SuccessAlert>
          )}
        </Show>
        <div class="form-actions">
          <button type="submit" class="button" disabled={submission.pending}>
            {t('forgot.submit')}
          </button>
          <Show when={submission.pending}>
            <span class="pending" role="status">
              {t('forgot.pending')}
            </span>
          </Show>
        </div>
        <p class="form-links">
          <A href="/login">{t('forgot.backToLogin')}</A>
        </p>
      </form>

      <section class="help" aria-labelledby="forgot-other">
        <h2 id="forgot-other">{t('forgot.otherCases')}</h2>
        <h3>{t('forgot.noEmailTitle')}</h3>
        <p>{t('forgot.noEmailText')}</p>
        <h3>{t('forgot.managerLeftTitle')}</h3>
        <p>{t('forgot.managerLeftText')}</p>
        <SupportContact headingLevel={3} />
      </section>
    </div>
  );
}
