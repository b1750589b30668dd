import { createAsync, revalidate } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { useSession } from '../data/session';
import type { AccountWithClusters, Overview } from '../lib/overview';
import { getOverview } from '../routes/overview.data';
import { AsyncBoundary } from './feedback';
import { NoAccess } from './NoAccess';
import { RequireAuth } from './RequireAuth';

/**
 * Frame of every commercial page: signed-in users only; a user who manages no customer account (RLS shows
 * none, e.g. an administrator) sees "no access" instead of the page.
 */
export function CommercialPage(props: { children: (overview: Overview, accounts: AccountWithClusters[]) => JSX.Element }) {
  return (
    <RequireAuth>
      <CommercialInner>{props.children}</CommercialInner>
    </RequireAuth>
  );
}

function CommercialInner(props: { children: (overview: Overview, accounts: AccountWithClusters[]) => JSX.Element }) {
  const session = useSession();
  const overview = createAsync(() => getOverview(session.user()?.id ?? ''));
  return (
    <AsyncBoundary retry={() => revalidate(getOverview.key)}>
      <Show when={overview()}>
        {(o) => (
          <Show when={o().accounts.length > 0} fallback={<NoAccess />}>
            {props.children(o(), o().accounts)}
          </Show>
        )}
      </Show>
    </AsyncBoundary>
  );
}
