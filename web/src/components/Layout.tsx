import type { RouteSectionProps } from '@solidjs/router';
import { Suspense, type JSX } from 'solid-js';
import { useI18n } from '../i18n';
import { AccountMenu } from './AccountMenu';
import { Loading } from './feedback';
import { Header } from './Header';
import { MainNav } from './MainNav';

/** Skip link, header, and one <main> for every page. */
export function Shell(props: { account?: JSX.Element; nav?: JSX.Element; children?: JSX.Element }) {
  const { t } = useI18n();
  let main!: HTMLElement;
  return (
    <>
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          main.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <Header account={props.account} />
      {props.nav}
      <main id="main" ref={main} tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}

/** Root of the router. */
export function Layout(props: RouteSectionProps) {
  return (
    <Shell account={<AccountMenu />} nav={<MainNav />}>
      <Suspense fallback={<Loading />}>{props.children}</Suspense>
    </Shell>
  );
}
