import { A, createAsync, revalidate, useParams } from '@solidjs/router';
import { For, onCleanup, onMount, Show } from 'solid-js';
import { CommercialPage } from '../components/CommercialPage';
import { AsyncBoundary } from '../components/feedback';
import { NoAccess } from '../components/NoAccess';
import { usePageTitle } from '../components/title';
import { useBrand } from '../data/config-context';
import { useI18n } from '../i18n';
import { formatDay, formatMoney, formatPeriod, formatRate } from '../lib/money';
import type { AccountWithClusters } from '../lib/overview';
import { getInvoice, type Invoice, type InvoiceLine } from './commercial.data';
import { invoiceStatusKey } from './invoices';

/** /invoices/:invoiceId — one invoice with its lines; "no access" when RLS does not show it. */
export default function InvoicePage() {
  const params = useParams<{ invoiceId: string }>();
  usePageTitle('invoices.title');
  return <CommercialPage>{(_o, accounts) => <InvoiceView id={params.invoiceId} accounts={accounts} print={false} />}</CommercialPage>;
}

/** /invoices/:invoiceId/print — the same document alone, with a Print button (print CSS hides the rest). */
export function InvoicePrintPage() {
  const params = useParams<{ invoiceId: string }>();
  usePageTitle('invoices.print');
  onMount(() => document.body.classList.add('print-view'));
  onCleanup(() => document.body.classList.remove('print-view'));
  return <CommercialPage>{(_o, accounts) => <InvoiceView id={params.invoiceId} accounts={accounts} print />}</CommercialPage>;
}

function InvoiceView(props: { id: string; accounts: AccountWithClusters[]; print: boolean }) {
  const { t } = useI18n();
  const data = createAsync(() => getInvoice(props.id));
  return (
    <AsyncBoundary retry={() => revalidate(getInvoice.keyFor(props.id))}>
      <Show when={data() !== undefined}>
        <Show when={data()} fallback={<NoAccess />}>
          {(d) => (
            <div class="page page-medium">
              <p class="breadcrumb no-print">
                <Show when={props.print} fallback={<A href="/invoices">{t('invoices.back')}</A>}>
                  <A href={`/invoices/${d().invoice.id}`}>{t('invoices.backToInvoice')}</A>
                </Show>
              </p>
              <div class="toolbar no-print">
                <Show
                  when={props.print}
                  fallback={
                    <A class="button button-secondary" href={`/invoices/${d().invoice.id}/print`}>
                      {t('invoices.print')}
                    </A>
                  }
                >
                  <button type="button" class="button" onClick={() => window.print()}>
                    {t('invoices.printNow')}
                  </button>
                </Show>
              </div>
              <InvoiceDocument invoice={d().invoice} lines={d().lines} customerNumber={props.accounts.find((a) => a.id === d().invoice.account_id)?.customer_number ?? ''} />
            </div>
          )}
        </Show>
      </Show>
    </AsyncBoundary>
  );
}

function InvoiceDocument(props: { invoice: Invoice; lines: InvoiceLine[]; customerNumber: string }) {
  const { t, lang } = useI18n();
  const brand = useBrand();
  const money = (cents: number) => formatMoney(cents, props.invoice.currency, lang());
  const i = () => props.invoice;
  return (
    <article class="card invoice" aria-labelledby="invoice-title" data-testid="invoice-document">
      <header class="invoice-head">
        <div>
          <Show when={brand?.name}>
            <p class="muted">{t('invoices.issuer', { brand: brand!.name })}</p>
          </Show>
          <h1 id="invoice-title">{t('invoices.detailTitle', { number: i().invoice_number })}</h1>
          <span class={`badge status-${i().status}`}>{t(invoiceStatusKey(i().status))}</span>
        </div>
        <address class="invoice-address">
          <strong>{i().customer_name}</strong>
          <For each={i().billing_address.split('\n').filter(Boolean)}>{(line) => <span>{line}</span>}</For>
        </address>
      </header>
      <dl class="details">
        <div>
          <dt>{t('invoices.customerNumber')}</dt>
          <dd>{props.customerNumber}</dd>
        </div>
        <div>
          <dt>{t('invoices.date')}</dt>
          <dd>{formatDay(i().issued_on, lang())}</dd>
        </div>
        <div>
          <dt>{t('invoices.period')}</dt>
          <dd>{formatPeriod(i().period_start, i().period_end, lang())}</dd>
        </div>
        <div>
          <dt>{t('invoices.due')}</dt>
          <dd>{formatDay(i().due_on, lang())}</dd>
        </div>
        <div>
          <dt>{t('invoices.contactPerson')}</dt>
          <dd data-testid="invoice-contact-person">{i().contact_person_name}</dd>
        </div>
        <Show when={i().vat_id}>
          <div>
            <dt>{t('invoices.vatId')}</dt>
            <dd>{i().vat_id}</dd>
          </div>
        </Show>
      </dl>
      <h2>{t('invoices.linesHeading')}</h2>
      <table class="table invoice-lines">
        <thead>
          <tr>
            <th scope="col">{t('invoices.position')}</th>
            <th scope="col">{t('invoices.description')}</th>
            <th scope="col" class="num">{t('invoices.quantity')}</th>
            <th scope="col" class="num">{t('invoices.unitPrice')}</th>
            <th scope="col" class="num">{t('invoices.amount')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.lines}>
            {(l) => (
              <tr>
                <td data-label={t('invoices.position')}>{l.position}</td>
                <td data-label={t('invoices.description')}>{l.description}</td>
                <td data-label={t('invoices.quantity')} class="num">{l.quantity}</td>
                <td data-label={t('invoices.unitPrice')} class="num">{money(l.unit_price_cents)}</td>
                <td data-label={t('invoices.amount')} class="num">{money(l.amount_cents)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <dl class="totals" data-testid="invoice-totals">
        <div>
          <dt>{t('invoices.net')}</dt>
          <dd>{money(i().net_cents)}</dd>
        </div>
        <div>
          <dt>{t('invoices.vat', { rate: formatRate(i().vat_rate_bp, lang()) })}</dt>
          <dd>{money(i().vat_cents)}</dd>
        </div>
        <div class="total">
          <dt>{t('invoices.gross')}</dt>
          <dd>{money(i().gross_cents)}</dd>
        </div>
      </dl>
    </article>
  );
}
