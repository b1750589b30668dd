import { A, useNavigate, useSearchParams, useSubmission, useAction } from '@solidjs/router';
import { createEffect, Show } from 'solid-js';
import { ErrorAlert } from '../components/feedback';
import { usePageTitle } from '../components/title';
import { useSession } from '../data/session';
import { useI18n } from '../i18n';
import { safeRedirect } from '../lib/redirect';
import { signInAction } from './login.data';

export default function LoginPage() {
  const { t } = useI18n();
  usePageTitle('login.title');
  const session = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const submit = useAction(signInAction);
  const submission = useSubmission(signInAction);
  const target = () => safeRedirect(typeof search.redirect === 'string' ? search.redirect : undefined);

  // Signed in (now or already): go where the user came from.
  createEffect(() => {
    if (session.ready() && session.session()) navigate(target(), { replace: true });
  });

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    submit(String(form.get('email') ?? ''), String(form.get('password') ?? '')).catch(() => {});
  };

  return (
    <div class="page page-narrow">
      <h1>{t('login.title')}</h1>
      <p class="lead">{t('login.intro')}</p>
      <form class="form card" onSubmit={onSubmit} noValidate aria-busy={submission.pending ?? false}>
        <div class="field">
          <label for="login-email">{t('login.email')}</label>
          <input id="login-email" name="email" type="email" autocomplete="username" required inputmode="email" />
        </div>
        <div class="field">
          <label for="login-password">{t('login.password')}</label>
          <input id="login-password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <ErrorAlert error={submission.error} />
        <div class="form-actions">
          <button type="submit" class="button" disabled={submission.pending}>
            {t('login.submit')}
          </button>
          <Show when={submission.pending}>
            <span class="pending" role="status">
              {t('login.pending')}
            </span>
          </Show>
        </div>
        <p class="form-links">
          <A href="/forgot-password">{t('login.forgot')}</A>
        </p>
      </form>
    </div>
  );
}
