import { A, createAsync } from '@solidjs/router';
import { ErrorBoundary, Show, Suspense } from 'solid-js';
import { useSession } from '../data/session';
import { useI18n } from '../i18n';
import { getOverview } from '../routes/overview.data';

/** Main navigation for signed-in users. The commercial entries appear only for managers (derived from the accounts RLS lets them read). */
export function MainNav() {
  const session = useSession();
  return (
    <Show when={session.ready() && session.user()}>
      <ErrorBoundary fallback={null}>
        <Suspense fallback={null}>
          <NavLinks userId={session.user()!.id} />
        </Suspense>
      </ErrorBoundary>
    </Show>
  );
}

function NavLinks(props: { userId: string }) {
  const { t } = useI18n();
  const overview = createAsync(() => getOverview(props.userId));
  const manages = () => (overview()?.accounts.length ?? 0) > 0;
  return (
    <nav class="main-nav" aria-label={t('app.mainNav')} data-testid="main-nav">
      <ul>
        <li>
          <A href="/" end activeClass="active">
            {t('app.overviewLink')}
          </A>
        </li>
        <Show when={manages()}>
          <li>
            <A href="/contracts" activeClass="active">
              {t('nav.contracts')}
            </A>
          </li>
          <li>
            <A href="/invoices" activeClass="active">
              {t('nav.invoices')}
            </A>
          </li>
          <li>
            <A href="/orders" activeClass="active">
              {t('nav.orders')}
            </A>
          </li>
        </Show>
      </ul>
    </nav>
  );
}
