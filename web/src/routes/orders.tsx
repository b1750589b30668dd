import { A, createAsync, revalidate, useAction, useNavigate, useSearchParams, useSubmission } from '@solidjs/router';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { CommercialPage } from '../components/CommercialPage';
import { AsyncBoundary, ErrorAlert, SuccessAlert } from '../components/feedback';
import { usePageTitle } from '../components/title';
import { useSession } from '../data/session';
import { useI18n, type MessageKey } from '../i18n';
import { formatDay, formatMoney } from '../lib/money';
import type { AccountWithClusters } from '../lib/overview';
import { getOrders, getPlans, placeOrder, type Order, type Plan } from './commercial.data';

/** /orders — the orders of every account the user manages, with their status. `?placed=B-5005` thanks for a new one. */
export default function OrdersPage() {
  usePageTitle('orders.title');
  return <CommercialPage>{(_o, accounts) => <OrderList accounts={accounts} />}</CommercialPage>;
}

function OrderList(props: { accounts: AccountWithClusters[] }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const [search] = useSearchParams<{ placed?: string }>();
  const orders = createAsync(() => getOrders(session.user()?.id ?? ''));
  const plans = createAsync(() => getPlans());
  const many = () => props.accounts.length > 1;
  const number = (id: string) => props.accounts.find((a) => a.id === id)?.customer_number ?? '';
  const clusterNumber = (id: string | null) => props.accounts.flatMap((a) => a.clusters).find((c) => c.id === id)?.cluster_number ?? '';
  const details = (o: Order) => {
    if (o.kind === 'cluster') return t('orders.planCluster', { plan: plans()?.find((p) => p.code === o.plan_code)?.name ?? o.plan_code ?? '', name: o.cluster_name ?? '' });
    if (o.kind === 'certificate') return t('orders.certificateFor', { domain: o.domain_name ?? '', cluster: clusterNumber(o.cluster_id) });
    return o.domain_name ?? '';
  };
  return (
    <div class="page">
      <div class="page-head">
        <h1>{t('orders.title')}</h1>
        <A class="button" href="/orders/new">
          {t('orders.new')}
        </A>
      </div>
      <p class="lead">{t('orders.intro')}</p>
      <Show when={search.placed}>
        <SuccessAlert>{t('orders.placed', { number: String(search.placed) })}</SuccessAlert>
      </Show>
      <AsyncBoundary retry={() => revalidate(getOrders.key)}>
        <Show when={orders()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="card muted">{t('orders.empty')}</p>}>
              <table class="table card" data-testid="orders-table">
                <thead>
                  <tr>
                    <th scope="col">{t('orders.number')}</th>
                    <Show when={many()}>
                      <th scope="col">{t('orders.account')}</th>
                    </Show>
                    <th scope="col">{t('orders.date')}</th>
                    <th scope="col">{t('orders.kind')}</th>
                    <th scope="col">{t('orders.details')}</th>
                    <th scope="col">{t('orders.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(o) => (
                      <tr data-testid={`order-${o.order_number}`}>
                        <td data-label={t('orders.number')}>{o.order_number}</td>
                        <Show when={many()}>
                          <td data-label={t('orders.account')}>{number(o.account_id)}</td>
                        </Show>
                        <td data-label={t('orders.date')}>{formatDay(o.ordered_at, lang())}</td>
                        <td data-label={t('orders.kind')}>{t(`orderKind.${o.kind}` as MessageKey)}</td>
                        <td data-label={t('orders.details')}>{details(o)}</td>
                        <td data-label={t('orders.status')}>
                          <span class={`badge status-${o.status}`}>{t(`orderStatus.${o.status}` as MessageKey)}</span>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          )}
        </Show>
      </AsyncBoundary>
    </div>
  );
}

/** The plan choice shared by the order form and the first order. */
export function PlanSelect(props: { plans: Plan[]; id: string }) {
  const { t, lang } = useI18n();
  return (
    <select id={props.id} name="plan" required>
      <For each={props.plans}>
        {(p) => (
          <option value={p.code}>
            {t('orderForm.planOption', { name: p.name, price: formatMoney(p.monthly_price_cents, p.currency, lang()) })} · {p.description}
          </option>
        )}
      </For>
    </select>
  );
}

/** /orders/new — order a cluster, a domain or a certificate for one of the account's clusters. */
export function NewOrderPage() {
  usePageTitle('orderForm.title');
  return <CommercialPage>{(_o, accounts) => <OrderForm accounts={accounts} />}</CommercialPage>;
}

function OrderForm(props: { accounts: AccountWithClusters[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const plans = createAsync(() => getPlans());
  const place = useAction(placeOrder);
  const submission = useSubmission(placeOrder);
  const [accountId, setAccountId] = createSignal(props.accounts[0]?.id ?? '');
  const [kind, setKind] = createSignal<Order['kind']>('cluster');
  const id = createUniqueId();
  const clusters = () => props.accounts.find((a) => a.id === accountId())?.clusters ?? [];
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const get = (k: string) => String(form.get(k) ?? '');
    submission.clear();
    place({ accountId: accountId(), kind: kind(), planCode: get('plan'), clusterName: get('clusterName'), domainName: get('domain'), clusterId: get('cluster') })
      .then((r) => navigate(`/orders?placed=${encodeURIComponent(r.orderNumber)}`))
      .catch(() => {});
  };
  return (
    <div class="page page-medium">
      <p class="breadcrumb">
        <A href="/orders">{t('orders.title')}</A>
      </p>
      <h1>{t('orderForm.title')}</h1>
      <p class="lead">{t('orderForm.intro')}</p>
      <form class="form card" onSubmit={onSubmit} aria-busy={submission.pending ?? false} data-testid="order-form">
        <Show when={props.accounts.length > 1}>
          <div class="field">
            <label for={`${id}-account`}>{t('orderForm.account')}</label>
            <select id={`${id}-account`} name="account" onChange={(e) => setAccountId(e.currentTarget.value)}>
              <For each={props.accounts}>{(a) => <option value={a.id}>{[a.customer_number, a.company_name].filter(Boolean).join(' ')}</option>}</For>
            </select>
          </div>
        </Show>
        <fieldset class="field choice">
          <legend>{t('orderForm.kind')}</legend>
          <For each={['cluster', 'domain', 'certificate'] as const}>
            {(k) => (
              <label class="radio">
                <input type="radio" name="kind" value={k} checked={kind() === k} onChange={() => setKind(k)} />
                {t(`orderKind.${k}`)}
              </label>
            )}
          </For>
        </fieldset>
        <Show when={kind() === 'cluster'}>
          <div class="field">
            <label for={`${id}-plan`}>{t('orderForm.plan')}</label>
            <Show when={plans()}>{(p) => <PlanSelect plans={p()} id={`${id}-plan`} />}</Show>
          </div>
          <div class="field">
            <label for={`${id}-name`}>{t('orderForm.clusterName')}</label>
            <input id={`${id}-name`} name="clusterName" required maxLength={200} aria-describedby={`${id}-name-hint`} />
            <p class="hint" id={`${id}-name-hint`}>{t('orderForm.clusterNameHint')}</p>
          </div>
        </Show>
        <Show when={kind() !== 'cluster'}>
          <div class="field">
            <label for={`${id}-domain`}>{t(kind() === 'certificate' ? 'orderForm.certificateDomain' : 'orderForm.domain')}</label>
            <input id={`${id}-domain`} name="domain" required inputmode="url" autocomplete="off" aria-describedby={`${id}-domain-hint`} />
            <p class="hint" id={`${id}-domain-hint`}>{t('orderForm.domainHint')}</p>
          </div>
        </Show>
        <Show when={kind() === 'certificate'}>
          <div class="field">
            <label for={`${id}-cluster`}>{t('orderForm.certificateCluster')}</label>
            <Show when={clusters().length > 0} fallback={<p class="muted">{t('orderForm.noClusters')}</p>}>
              <select id={`${id}-cluster`} name="cluster" required>
                <For each={clusters()}>{(c) => <option value={c.id}>{[c.cluster_number, c.name].filter(Boolean).join(' ')}</option>}</For>
              </select>
            </Show>
          </div>
        </Show>
        <ErrorAlert error={submission.error} />
        <div class="form-actions">
          <button type="submit" class="button" disabled={submission.pending}>
            {t('orderForm.submit')}
          </button>
          <A class="button button-secondary" href="/orders">
            {t('orderForm.cancel')}
          </A>
          <Show when={submission.pending}>
            <span class="pending" role="status">
              {t('orderForm.pending')}
            </span>
          </Show>
        </div>
      </form>
    </div>
  );
}
