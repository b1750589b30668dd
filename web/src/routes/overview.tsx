import { A, createAsync, revalidate, useLocation, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { createUniqueId, For, Show } from 'solid-js';
import { AsyncBoundary, SuccessAlert } from '../components/feedback';
import { RequireAuth } from '../components/RequireAuth';
import { SupportContact } from '../components/SupportContact';
import { usePageTitle } from '../components/title';
import { useCenters } from '../data/config-context';
import { useSession } from '../data/session';
import { centerLink } from '../lib/money';
import { useI18n, type MessageKey } from '../i18n';
import { isEmptyOverview, type AccountWithClusters, type ClusterRow } from '../lib/overview';
import { canManageAdministrators, roleKey, type Role } from '../lib/roles';
import { dictionaries } from '../i18n/translate';
import { getOverview } from './overview.data';

/** `/` (and, as children, the two dialogs that open over it). Signed-in users only. */
export default function OverviewPage(props: RouteSectionProps) {
  return (
    <RequireAuth>
      <OverviewContent>{props.children}</OverviewContent>
    </RequireAuth>
  );
}

function RoleBadge(props: { role: Role }) {
  const { t } = useI18n();
  return (
    <span class="role">
      <span class="visually-hidden">{t('overview.yourRole')} </span>
      <span class={`badge badge-${props.role}`}>{t(roleKey(props.role))}</span>
    </span>
  );
}

function ClusterItem(props: { cluster: ClusterRow; showAccount?: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const labelId = createUniqueId();
  return (
    <li class="cluster" data-testid={`cluster-${props.cluster.cluster_number}`}>
      <div class="row-main" id={labelId}>
        <span class="number">{props.cluster.cluster_number}</span>
        <Show when={props.cluster.name}>
          <span class="name">{props.cluster.name}</span>
        </Show>
        <Show when={props.showAccount && props.cluster.customer_number}>
          <span class="meta">{t('overview.customerAccount', { number: props.cluster.customer_number ?? '' })}</span>
        </Show>
      </div>
      <RoleBadge role={props.cluster.my_role} />
      <CenterLinks clusterNumber={props.cluster.cluster_number} describedBy={labelId} />
      <Show when={canManageAdministrators(props.cluster.my_role)}>
        <button
          type="button"
          class="button button-secondary"
          aria-describedby={labelId}
          onClick={() => navigate(`/clusters/${props.cluster.id}/administrators`)}
        >
          {t('overview.manageAdministrators')}
        </button>
      </Show>
    </li>
  );
}

/** Managed Center and Monitoring Center for a cluster (both roles), when the centers are configured. */
function CenterLinks(props: { clusterNumber: string; describedBy: string }) {
  const { t } = useI18n();
  const centers = useCenters();
  const managed = () => centerLink(centers.managedCenterUrl, props.clusterNumber);
  const monitoring = () => centerLink(centers.monitoringCenterUrl, props.clusterNumber);
  return (
    <span class="center-links">
      <Show when={managed()}>
        <a class="button button-secondary button-small" href={managed()} aria-label={t('centers.managedFor', { number: props.clusterNumber })}>
          {t('centers.managed')}
        </a>
      </Show>
      <Show when={monitoring()}>
        <a class="button button-secondary button-small" href={monitoring()} aria-label={t('centers.monitoringFor', { number: props.clusterNumber })}>
          {t('centers.monitoring')}
        </a>
      </Show>
    </span>
  );
}

function AccountItem(props: { account: AccountWithClusters }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const headingId = createUniqueId();
  return (
    <li class="card account" data-testid={`account-${props.account.customer_number}`}>
      <div class="account-head">
        <div class="row-main">
          <h3 id={headingId}>
            <span class="number">{props.account.customer_number}</span>
            <Show when={props.account.company_name}>
              <span class="name">{props.account.company_name}</span>
            </Show>
          </h3>
        </div>
        <RoleBadge role="manager" />
        <button type="button" class="button" aria-describedby={headingId} onClick={() => navigate(`/accounts/${props.account.id}/managers`)}>
          {t('overview.manageManagers')}
        </button>
        <A class="button button-secondary" href={`/accounts/${props.account.id}/edit`} aria-describedby={headingId}>
          {t('overview.editData')}
        </A>
        <A class="button button-secondary" href={`/accounts/${props.account.id}/activity`} aria-describedby={headingId}>
          {t('overview.activity')}
        </A>
      </div>
      <Show when={props.account.clusters.length > 0} fallback={<p class="muted">{t('overview.noClusters')}</p>}>
        <ul class="cluster-list" aria-label={t('overview.clustersOf', { number: props.account.customer_number })}>
          <For each={props.account.clusters}>{(cluster) => <ClusterItem cluster={cluster} />}</For>
        </ul>
      </Show>
    </li>
  );
}

function OverviewContent(props: { children?: RouteSectionProps['children'] }) {
  const { t } = useI18n();
  usePageTitle('overview.title');
  const session = useSession();
  const location = useLocation<{ flash?: string }>();
  const overview = createAsync(() => getOverview(session.user()?.id ?? ''));
  const dialogOpen = () => location.pathname !== '/';
  const flash = () => {
    const key = location.state?.flash;
    return key && key in dictionaries.en ? (key as MessageKey) : undefined;
  };

  return (
    <>
      <div class="page" inert={dialogOpen()}>
        <h1>{t('overview.title')}</h1>
        <p class="lead">{t('overview.intro')}</p>
        <Show when={flash()}>{(key) => <SuccessAlert>{t(key())}</SuccessAlert>}</Show>
        <AsyncBoundary retry={() => revalidate(getOverview.key)}>
          <Show when={overview()}>
            {(o) => (
              <Show
                when={!isEmptyOverview(o())}
                fallback={
                  <section class="card empty" aria-labelledby="overview-empty-title" data-testid="overview-empty">
                    <h2 id="overview-empty-title">{t('overview.emptyTitle')}</h2>
                    <p>{t('overview.emptyText')}</p>
                    <p>
                      <A href="/first-order">{t('overview.firstOrderLink')}</A>
                    </p>
                    <SupportContact headingLevel={3} />
                  </section>
                }
              >
                <Show when={o().accounts.length > 0}>
                  <section aria-labelledby="overview-accounts">
                    <h2 id="overview-accounts">{t('overview.accountsHeading')}</h2>
                    <ul class="card-list">
                      <For each={o().accounts}>{(account) => <AccountItem account={account} />}</For>
                    </ul>
                  </section>
                </Show>
                <Show when={o().otherClusters.length > 0}>
                  <section aria-labelledby="overview-clusters">
                    <h2 id="overview-clusters">{t('overview.clustersHeading')}</h2>
                    <ul class="card cluster-list standalone">
                      <For each={o().otherClusters}>{(cluster) => <ClusterItem cluster={cluster} showAccount />}</For>
                    </ul>
                  </section>
                </Show>
                <Show when={o().accounts.length === 0}>
                  <section class="card" aria-labelledby="overview-first-order" data-testid="first-order-teaser">
                    <h2 id="overview-first-order">{t('overview.firstOrderTitle')}</h2>
                    <p>{t('overview.firstOrderText')}</p>
                    <A href="/first-order">{t('overview.firstOrderLink')}</A>
                  </section>
                </Show>
              </Show>
            )}
          </Show>
        </AsyncBoundary>
      </div>
      {props.children}
    </>
  );
}
