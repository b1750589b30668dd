import { A, createAsync, revalidate, useParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { CommercialPage } from '../components/CommercialPage';
import { AsyncBoundary } from '../components/feedback';
import { NoAccess } from '../components/NoAccess';
import { usePageTitle } from '../components/title';
import { useSession } from '../data/session';
import { useI18n, type MessageKey } from '../i18n';
import { formatDay, formatMoney } from '../lib/money';
import type { AccountWithClusters } from '../lib/overview';
import { getContracts, type Contract } from './commercial.data';

const statusKey = (s: Contract['status']) => `contractStatus.${s}` as MessageKey;

function clusterLabel(accounts: AccountWithClusters[], contract: Contract): string {
  const cluster = accounts.flatMap((a) => a.clusters).find((c) => c.id === contract.cluster_id);
  return cluster ? [cluster.cluster_number, cluster.name].filter(Boolean).join(' ') : '';
}
const accountNumber = (accounts: AccountWithClusters[], id: string) => accounts.find((a) => a.id === id)?.customer_number ?? '';

function useTerm() {
  const { t } = useI18n();
  return (months: number) => (months === 1 ? t('contracts.termMonth') : t('contracts.termMonths', { months }));
}

/** /contracts — the contracts of every account the user manages. */
export default function ContractsPage() {
  usePageTitle('contracts.title');
  return <CommercialPage>{(_o, accounts) => <ContractList accounts={accounts} />}</CommercialPage>;
}

function ContractList(props: { accounts: AccountWithClusters[] }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const term = useTerm();
  const contracts = createAsync(() => getContracts(session.user()?.id ?? ''));
  const many = () => props.accounts.length > 1;
  return (
    <div class="page">
      <h1>{t('contracts.title')}</h1>
      <p class="lead">{t('contracts.intro')}</p>
      <AsyncBoundary retry={() => revalidate(getContracts.key)}>
        <Show when={contracts()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="card muted">{t('contracts.empty')}</p>}>
              <table class="table card" data-testid="contracts-table">
                <thead>
                  <tr>
                    <th scope="col">{t('contracts.number')}</th>
                    <Show when={many()}>
                      <th scope="col">{t('contracts.account')}</th>
                    </Show>
                    <th scope="col">{t('contracts.product')}</th>
                    <th scope="col">{t('contracts.cluster')}</th>
                    <th scope="col">{t('contracts.start')}</th>
                    <th scope="col">{t('contracts.term')}</th>
                    <th scope="col" class="num">{t('contracts.monthlyPrice')}</th>
                    <th scope="col">{t('contracts.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(c) => (
                      <tr data-testid={`contract-${c.contract_number}`}>
                        <td data-label={t('contracts.number')}>
                          <A href={`/contracts/${c.id}`}>{c.contract_number}</A>
                        </td>
                        <Show when={many()}>
                          <td data-label={t('contracts.account')}>{accountNumber(props.accounts, c.account_id)}</td>
                        </Show>
                        <td data-label={t('contracts.product')}>{c.product_name}</td>
                        <td data-label={t('contracts.cluster')}>{clusterLabel(props.accounts, c)}</td>
                        <td data-label={t('contracts.start')}>{formatDay(c.starts_on, lang())}</td>
                        <td data-label={t('contracts.term')}>{term(c.term_months)}</td>
                        <td data-label={t('contracts.monthlyPrice')} class="num">
                          {formatMoney(c.monthly_price_cents, c.currency, lang())}
                        </td>
                        <td data-label={t('contracts.status')}>
                          <span class={`badge status-${c.status}`}>{t(statusKey(c.status))}</span>
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

/** /contracts/:contractId — one contract; "no access" when RLS does not show it. */
export function ContractDetailPage() {
  const params = useParams<{ contractId: string }>();
  usePageTitle('contracts.title');
  return <CommercialPage>{(_o, accounts) => <ContractDetail id={params.contractId} accounts={accounts} />}</CommercialPage>;
}

function ContractDetail(props: { id: string; accounts: AccountWithClusters[] }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const term = useTerm();
  const contracts = createAsync(() => getContracts(session.user()?.id ?? ''));
  const contract = () => contracts()?.find((c) => c.id === props.id);
  return (
    <AsyncBoundary retry={() => revalidate(getContracts.key)}>
      <Show when={contracts()}>
        <Show when={contract()} fallback={<NoAccess />}>
          {(c) => (
            <div class="page page-medium">
              <p class="breadcrumb">
                <A href="/contracts">{t('contracts.back')}</A>
              </p>
              <h1>{t('contracts.detailTitle', { number: c().contract_number })}</h1>
              <dl class="details card" data-testid="contract-detail">
                <div>
                  <dt>{t('contracts.account')}</dt>
                  <dd>{accountNumber(props.accounts, c().account_id)}</dd>
                </div>
                <div>
                  <dt>{t('contracts.product')}</dt>
                  <dd>{c().product_name}</dd>
                </div>
                <div>
                  <dt>{t('contracts.cluster')}</dt>
                  <dd>{clusterLabel(props.accounts, c())}</dd>
                </div>
                <div>
                  <dt>{t('contracts.start')}</dt>
                  <dd>{formatDay(c().starts_on, lang())}</dd>
                </div>
                <div>
                  <dt>{t('contracts.term')}</dt>
                  <dd>{term(c().term_months)}</dd>
                </div>
                <Show when={c().ends_on}>
                  <div>
                    <dt>{t('contracts.end')}</dt>
                    <dd>{formatDay(c().ends_on, lang())}</dd>
                  </div>
                </Show>
                <div>
                  <dt>{t('contracts.monthlyPrice')}</dt>
                  <dd>{formatMoney(c().monthly_price_cents, c().currency, lang())}</dd>
                </div>
                <div>
                  <dt>{t('contracts.status')}</dt>
                  <dd>
                    <span class={`badge status-${c().status}`}>{t(statusKey(c().status))}</span>
                  </dd>
                </div>
              </dl>
            </div>
          )}
        </Show>
      </Show>
    </AsyncBoundary>
  );
}
