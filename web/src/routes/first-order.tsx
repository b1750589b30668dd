import { A, createAsync, revalidate, useAction, useNavigate, useSubmission } from '@solidjs/router';
import { createUniqueId, For, Show } from 'solid-js';
import { AsyncBoundary, ErrorAlert } from '../components/feedback';
import { RequireAuth } from '../components/RequireAuth';
import { usePageTitle } from '../components/title';
import { useSession } from '../data/session';
import { useI18n, type MessageKey } from '../i18n';
import { countryName } from '../lib/money';
import { getPlans, placeFirstOrder } from './commercial.data';
import { PlanSelect } from './orders';
import { getOverview } from './overview.data';

const COUNTRIES = ['DE', 'AT', 'CH', 'NL', 'BE', 'LU', 'FR', 'IT', 'ES', 'PL', 'CZ', 'DK', 'SE', 'GB', 'IE', 'US'];

/** /first-order — a signed-in user without a customer account orders their first cluster (creates the account). */
export default function FirstOrderPage() {
  usePageTitle('firstOrder.title');
  return (
    <RequireAuth>
      <FirstOrder />
    </RequireAuth>
  );
}

function FirstOrder() {
  const { t, lang } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const overview = createAsync(() => getOverview(session.user()?.id ?? ''));
  const plans = createAsync(() => getPlans());
  const place = useAction(placeFirstOrder);
  const submission = useSubmission(placeFirstOrder);
  const id = createUniqueId();
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const get = (k: string) => String(form.get(k) ?? '');
    submission.clear();
    place({
      companyName: get('company'),
      addressLine1: get('address1'),
      addressLine2: get('address2'),
      postalCode: get('postal'),
      city: get('city'),
      country: get('country'),
      vatId: get('vat'),
      planCode: get('plan'),
      clusterName: get('clusterName'),
    })
      .then((r) => navigate(`/orders?placed=${encodeURIComponent(r.orderNumber)}`))
      .catch(() => {});
  };
  const field = (name: string, label: MessageKey, opts: { required?: boolean; autocomplete?: string } = {}) => (
    <div class="field">
      <label for={`${id}-${name}`}>{t(label)}</label>
      <input id={`${id}-${name}`} name={name} required={opts.required} autocomplete={opts.autocomplete} />
    </div>
  );
  return (
    <div class="page page-medium">
      <h1>{t('firstOrder.title')}</h1>
      <AsyncBoundary retry={() => revalidate(getOverview.key)}>
        <Show when={overview()}>
          {(o) => (
            <Show
              when={o().accounts.length === 0}
              fallback={
                <div class="card" data-testid="already-customer">
                  <p>{t('firstOrder.alreadyCustomer')}</p>
                  <A class="button" href="/orders/new">
                    {t('firstOrder.toOrders')}
                  </A>
                </div>
              }
            >
              <p class="lead">{t('firstOrder.intro')}</p>
              <form class="form card" onSubmit={onSubmit} aria-busy={submission.pending ?? false} data-testid="first-order-form">
                <h2>{t('firstOrder.companyHeading')}</h2>
                {field('company', 'account.companyName', { required: true, autocomplete: 'organization' })}
                {field('address1', 'account.addressLine1', { required: true, autocomplete: 'address-line1' })}
                {field('address2', 'account.addressLine2', { autocomplete: 'address-line2' })}
                <div class="field-row">
                  {field('postal', 'account.postalCode', { required: true, autocomplete: 'postal-code' })}
                  {field('city', 'account.city', { required: true, autocomplete: 'address-level2' })}
                </div>
                <div class="field">
                  <label for={`${id}-country`}>{t('account.country')}</label>
                  <select id={`${id}-country`} name="country" autocomplete="country">
                    <For each={COUNTRIES}>{(c) => <option value={c}>{countryName(c, lang())}</option>}</For>
                  </select>
                </div>
                {field('vat', 'account.vatId')}
                <h2>{t('firstOrder.clusterHeading')}</h2>
                <div class="field">
                  <label for={`${id}-plan`}>{t('orderForm.plan')}</label>
                  <Show when={plans()}>{(p) => <PlanSelect plans={p()} id={`${id}-plan`} />}</Show>
                </div>
                {field('clusterName', 'orderForm.clusterName', { required: true })}
                <ErrorAlert error={submission.error} />
                <div class="form-actions">
                  <button type="submit" class="button" disabled={submission.pending}>
                    {t('firstOrder.submit')}
                  </button>
                  <Show when={submission.pending}>
                    <span class="pending" role="status">
                      {t('orderForm.pending')}
                    </span>
                  </Show>
                </div>
              </form>
            </Show>
          )}
        </Show>
      </AsyncBoundary>
    </div>
  );
}
