import { A, createAsync, revalidate } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { CommercialPage } from '../components/CommercialPage';
import { AsyncBoundary } from '../components/feedback';
import { usePageTitle } from '../components/title';
import { useSession } from '../data/session';
import { useI18n, type MessageKey } from '../i18n';
import { formatDay, formatMoney, formatPeriod } from '../lib/money';
import type { AccountWithClusters } from '../lib/overview';
import { getInvoices, type Invoice } from './commercial.data';

export const invoiceStatusKey = (s: Invoice['status']) => `invoiceStatus.${s}` as MessageKey;

/** /invoices — the invoices of every account the user manages, newest first. */
export default function InvoicesPage() {
  usePageTitle('invoices.title');
  return <CommercialPage>{(_o, accounts) => <InvoiceList accounts={accounts} />}</CommercialPage>;
}

function InvoiceList(props: { accounts: AccountWithClusters[] }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const invoices = createAsync(() => getInvoices(session.user()?.id ?? ''));
  const many = () => props.accounts.length > 1;
  const number = (id: string) => props.accounts.find((a) => a.id === id)?.customer_number ?? '';
  return (
    <div class="page">
      <h1>{t('invoices.title')}</h1>
      <p class="lead">{t('invoices.intro')}</p>
      <AsyncBoundary retry={() => revalidate(getInvoices.key)}>
        <Show when={invoices()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="card muted">{t('invoices.empty')}</p>}>
              <table class="table card" data-testid="invoices-table">
                <thead>
                  <tr>
                    <th scope="col">{t('invoices.number')}</th>
                    <Show when={many()}>
                      <th scope="col">{t('invoices.account')}</th>
                    </Show>
                    <th scope="col">{t('invoices.date')}</th>
                    <th scope="col">{t('invoices.period')}</th>
                    <th scope="col" class="num">{t('invoices.gross')}</th>
                    <th scope="col">{t('invoices.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(i) => (
                      <tr data-testid={`invoice-${i.invoice_number}`}>
                        <td data-label={t('invoices.number')}>
                          <A href={`/invoices/${i.id}`}>{i.invoice_number}</A>
                        </td>
                        <Show when={many()}>
                          <td data-label={t('invoices.account')}>{number(i.account_id)}</td>
                        </Show>
                        <td data-label={t('invoices.date')}>{formatDay(i.issued_on, lang())}</td>
                        <td data-label={t('invoices.period')}>{formatPeriod(i.period_start, i.period_end, lang())}</td>
                        <td data-label={t('invoices.gross')} class="num">
                          {formatMoney(i.gross_cents, i.currency, lang())}
                        </td>
                        <td data-label={t('invoices.status')}>
                          <span class={`badge status-${i.status}`}>{t(invoiceStatusKey(i.status))}</span>
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
