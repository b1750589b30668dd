import { A, useAction, useNavigate, useSearchParams, useSubmission } from '@solidjs/router';
import { Show } from 'solid-js';
import { Loading } from '../components/feedback';
import { NewPasswordForm } from '../components/NewPasswordForm';
import { usePageTitle } from '../components/title';
import { errorCode } from '../data/errors';
import { useSession } from '../data/session';
import { useI18n } from '../i18n';
import { resetPassword } from './reset-password.data';

export default function ResetPasswordPage() {
  const { t } = useI18n();
  usePageTitle('reset.title');
  const [search] = useSearchParams();
  const session = useSession();
  const navigate = useNavigate();
  const submit = useAction(resetPassword);
  const submission = useSubmission(resetPassword);

  const tokenHash = () => (typeof search.token_hash === 'string' && search.token_hash ? search.token_hash : null);
  // Usable with a token_hash link, or with a session (a recovery link supabase-js already exchanged).
  const usable = () => !!tokenHash() || !!session.session();
  const expired = () => errorCode(submission.error) === 'otp_expired';

  const onPassword = (password: string) => {
    submit(tokenHash(), password)
      .then(() => navigate('/', { replace: true, state: { flash: 'flash.passwordChanged' } }))
      .catch(() => {});
  };

  const requestNew = (
    <p>
      <A href="/forgot-password">{t('reset.requestNew')}</A>
    </p>
  );

  return (
    <div class="page page-narrow">
      <h1>{t('reset.title')}</h1>
      <Show when={session.ready()} fallback={<Loading />}>
        <Show
          when={usable()}
          fallback={
            <div class="alert alert-error" role="alert">
              <p>{t('reset.missingLink')}</p>
              {requestNew}
            </div>
          }
        >
          <p class="lead">{t('reset.intro')}</p>
          <NewPasswordForm
            id="reset"
            submitLabel="reset.submit"
            pending={submission.pending ?? false}
            error={submission.error}
            onPassword={onPassword}
            errorExtra={expired() ? requestNew : undefined}
          />
        </Show>
      </Show>
    </div>
  );
}
