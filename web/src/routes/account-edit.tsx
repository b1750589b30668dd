import { A, createAsync, revalidate, useAction, useParams, useSubmission } from '@solidjs/router';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { CommercialPage } from '../components/CommercialPage';
import { AsyncBoundary, ErrorAlert, SuccessAlert } from '../components/feedback';
import { NoAccess } from '../components/NoAccess';
import { usePageTitle } from '../components/title';
import { useI18n, type MessageKey } from '../i18n';
import { countryName } from '../lib/money';
import { getAccount, saveAccount, setContactPerson, type AccountData, type BillingFields } from './commercial.data';
import { getManagers, type ManagerRow } from './managers.data';

const COUNTRIES = ['DE', 'AT', 'CH', 'NL', 'BE', 'LU', 'FR', 'IT', 'ES', 'PL', 'CZ', 'DK', 'SE', 'GB', 'IE', 'US'];

/** /accounts/:accountId/edit — "Edit data": billing data (PATCH under RLS) and the contact person (via the Worker). */
export default function AccountEditPage() {
  const params = useParams<{ accountId: string }>();
  usePageTitle('account.heading');
  return <CommercialPage>{() => <AccountEdit accountId={params.accountId} />}</CommercialPage>;
}

function AccountEdit(props: { accountId: string }) {
  const { t } = useI18n();
  const account = createAsync(() => getAccount(props.accountId));
  return (
    <AsyncBoundary retry={() => revalidate(getAccount.keyFor(props.accountId))}>
      <Show when={account() !== undefined}>
        <Show when={account()} fallback={<NoAccess />}>
          {(a) => (
            <div class="page page-medium">
              <p class="breadcrumb">
                <A href="/">{t('account.backToOverview')}</A>
              </p>
              <h1>{t('account.title', { number: a().customer_number })}</h1>
              <BillingForm account={a()} />
              <ContactPersonSection account={a()} />
            </div>
          )}
        </Show>
      </Show>
    </AsyncBoundary>
  );
}

function Field(props: { name: keyof BillingFields; label: MessageKey; value: string | null; hint?: MessageKey; type?: string; required?: boolean; autocomplete?: string }) {
  const { t } = useI18n();
  const id = createUniqueId();
  return (
    <div class="field">
      <label for={id}>{t(props.label)}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      <Show when={props.hint}>
        <p class="hint" id={`${id}-hint`}>
          {t(props.hint!)}
        </p>
      </Show>
    </div>
  );
}

function BillingForm(props: { account: AccountData }) {
  const { t, lang } = useI18n();
  const save = useAction(saveAccount);
  const submission = useSubmission(saveAccount);
  const countryId = createUniqueId();
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const get = (k: string) => String(form.get(k) ?? '');
    submission.clear();
    save(props.account.id, {
      company_name: get('company_name'),
      address_line1: get('address_line1'),
      address_line2: get('address_line2'),
      postal_code: get('postal_code'),
      city: get('city'),
      country: get('country'),
      vat_id: get('vat_id'),
      billing_email: get('billing_email'),
    }).catch(() => {});
  };
  return (
    <section class="card" aria-labelledby="billing-heading">
      <h2 id="billing-heading">{t('account.billingHeading')}</h2>
      <form class="form" onSubmit={onSubmit} aria-busy={submission.pending ?? false} data-testid="billing-form">
        <Field name="company_name" label="account.companyName" value={props.account.company_name} required autocomplete="organization" />
        <Field name="address_line1" label="account.addressLine1" value={props.account.address_line1} autocomplete="address-line1" />
        <Field name="address_line2" label="account.addressLine2" value={props.account.address_line2} autocomplete="address-line2" />
        <div class="field-row">
          <Field name="postal_code" label="account.postalCode" value={props.account.postal_code} autocomplete="postal-code" />
          <Field name="city" label="account.city" value={props.account.city} autocomplete="address-level2" />
        </div>
        <div class="field">
          <label for={countryId}>{t('account.country')}</label>
          <select id={countryId} name="country" autocomplete="country">
            <option value="">{t('account.countryNone')}</option>
            <For each={[...new Set([...COUNTRIES, ...(props.account.country ? [props.account.country] : [])])]}>
              {(code) => (
                <option value={code} selected={code === props.account.country}>
                  {countryName(code, lang())}
                </option>
              )}
            </For>
          </select>
        </div>
        <Field name="vat_id" label="account.vatId" value={props.account.vat_id} hint="account.vatIdHint" />
        <Field name="billing_email" label="account.billingEmail" value={props.account.billing_email} hint="account.billingEmailHint" type="email" autocomplete="email" />
        <ErrorAlert error={submission.error} />
        <Show when={submission.result}>
          <SuccessAlert>{t('account.saved')}</SuccessAlert>
        </Show>
        <div class="form-actions">
          <button type="submit" class="button" disabled={submission.pending}>
            {t('account.save')}
          </button>
          <Show when={submission.pending}>
            <span class="pending" role="status">
              {t('account.saving')}
            </span>
          </Show>
        </div>
      </form>
    </section>
  );
}

const personName = (m: ManagerRow | undefined) => (m ? m.display_name?.trim() || m.email : '');

function ContactPersonSection(props: { account: AccountData }) {
  const { t } = useI18n();
  const managers = createAsync(() => getManagers(props.account.id));
  const change = useAction(setContactPerson);
  const submission = useSubmission(setContactPerson);
  const selectId = createUniqueId();
  const [chosen, setChosen] = createSignal('');
  const current = () => managers()?.find((m) => m.is_contact_person);
  const others = () => (managers() ?? []).filter((m) => !m.is_contact_person);
  const resultName = () => {
    const id = submission.result?.contactPersonId;
    return personName(managers()?.find((m) => m.user_id === id)) || '';
  };
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const userId = chosen() || String(new FormData(event.currentTarget as HTMLFormElement).get('contact') ?? '');
    if (!userId) return;
    submission.clear();
    change(props.account.id, userId)
      .then(() => setChosen(''))
      .catch(() => {});
  };
  return (
    <section class="card" aria-labelledby="contact-heading" data-testid="contact-person">
      <h2 id="contact-heading">{t('account.contactHeading')}</h2>
      <p>{t('account.contactIntro')}</p>
      <AsyncBoundary retry={() => revalidate(getManagers.keyFor(props.account.id))}>
        <Show when={managers()}>
          <dl class="details">
            <div>
              <dt>{t('account.currentContact')}</dt>
              <dd data-testid="current-contact">
                {personName(current())}
                <Show when={current() && current()!.display_name}>
                  <span class="muted"> ({current()!.email})</span>
                </Show>
              </dd>
            </div>
          </dl>
          <Show when={submission.result}>
            {(r) => <SuccessAlert>{t(r().changed ? 'account.contactChanged' : 'account.contactUnchanged', { name: resultName() })}</SuccessAlert>}
          </Show>
          <ErrorAlert error={submission.error} />
          <Show when={others().length > 0} fallback={<p class="muted">{t('account.noOtherManagers')}</p>}>
            <form class="form contact-form" onSubmit={onSubmit} aria-busy={submission.pending ?? false}>
              <div class="field">
                <label for={selectId}>{t('account.newContact')}</label>
                <select id={selectId} name="contact" required onChange={(e) => setChosen(e.currentTarget.value)}>
                  <For each={others()}>
                    {(m) => (
                      <option value={m.user_id}>
                        {m.display_name ? `${m.display_name} (${m.email})` : m.email}
                      </option>
                    )}
                  </For>
                </select>
              </div>
              <div class="form-actions">
                <button type="submit" class="button" disabled={submission.pending}>
                  {t('account.changeContact')}
                </button>
                <Show when={submission.pending}>
                  <span class="pending" role="status">
                    {t('account.changingContact')}
                  </span>
                </Show>
              </div>
            </form>
          </Show>
          <p>
            <A href={`/accounts/${props.account.id}/managers`}>{t('account.manageManagers')}</A>
          </p>
        </Show>
      </AsyncBoundary>
    </section>
  );
}
