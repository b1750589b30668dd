import { A, useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { useSession } from '../data/session';
import { useI18n } from '../i18n';

/** The signed-in e-mail and "Sign out", in the header. */
export function AccountMenu() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [pending, setPending] = createSignal(false);
  const onSignOut = async () => {
    setPending(true);
    try {
      await session.signOut();
      navigate('/login', { replace: true });
    } finally {
      setPending(false);
    }
  };
  return (
    <Show when={session.email()}>
      {(email) => (
        <div class="account-menu">
          <span class="signed-in-as" title={email()}>
            <span class="visually-hidden">{t('header.signedInAs')} </span>
            {email()}
          </span>
          <A href="/settings/notifications" class="account-settings-link">
            {t('header.notifications')}
          </A>
          <button type="button" class="button button-secondary button-small" onClick={onSignOut} disabled={pending()} aria-busy={pending()}>
            {t('header.signOut')}
          </button>
        </div>
      )}
    </Show>
  );
}
