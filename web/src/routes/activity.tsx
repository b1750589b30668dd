import { A, createAsync, revalidate, useParams, useSearchParams } from '@solidjs/router';
import { createUniqueId, For, Match, Show, Switch } from 'solid-js';
import { CommercialPage } from '../components/CommercialPage';
import { AsyncBoundary } from '../components/feedback';
import { NoAccess } from '../components/NoAccess';
import { usePageTitle } from '../components/title';
import { useI18n, type MessageKey } from '../i18n';
import { AUDIT_KINDS, changedColumns, contactChange, parseActivityFilter, type AuditKind, type AuditRow } from '../lib/activity';
import { ACTIVITY_LIMIT, getActivity } from './activity.data';

const kindKey = (kind: AuditKind | null) => `activity.kind.${kind ?? 'manager_added'}` as MessageKey;

/** /accounts/:accountId/activity — the audit log of a customer account (managers only), filterable by kind and date. */
export default function ActivityPage() {
  const params = useParams<{ accountId: string }>();
  usePageTitle('activity.heading');
  return (
    <CommercialPage>
      {(_o, accounts) => (
        <Show when={accounts.find((a) => a.id === params.accountId)} fallback={<NoAccess />}>
          {(account) => <Activity accountId={account().id} customerNumber={account().customer_number} />}
        </Show>
      )}
    </CommercialPage>
  );
}

function Activity(props: { accountId: string; customerNumber: string }) {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const filter = () => parseActivityFilter(search);
  const rows = createAsync(() => getActivity(props.accountId, filter()));
  const ids = { kind: createUniqueId(), from: createUniqueId(), to: createUniqueId() };
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const value = (k: string) => String(form.get(k) ?? '') || undefined;
    setSearch({ kind: value('kind'), from: value('from'), to: value('to') });
  };
  return (
    <div class="page">
      <p class="breadcrumb">
        <A href="/">{t('account.backToOverview')}</A>
      </p>
      <h1>{t('activity.title', { number: props.customerNumber })}</h1>
      <p class="lead">{t('activity.intro')}</p>
      <form class="card filter-form" onSubmit={onSubmit} aria-label={t('activity.filter')}>
        <div class="field">
          <label for={ids.kind}>{t('activity.filterKind')}</label>
          <select id={ids.kind} name="kind" value={filter().kind}>
            <option value="">{t('activity.allKinds')}</option>
            <For each={AUDIT_KINDS}>{(k) => <option value={k}>{t(kindKey(k))}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for={ids.from}>{t('activity.from')}</label>
          <input id={ids.from} name="from" type="date" value={filter().from} />
        </div>
        <div class="field">
          <label for={ids.to}>{t('activity.to')}</label>
          <input id={ids.to} name="to" type="date" value={filter().to} />
        </div>
        <button type="submit" class="button">{t('activity.apply')}</button>
      </form>
      <AsyncBoundary retry={() => revalidate(getActivity.key)}>
        <Show when={rows()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="muted" data-testid="activity-empty">{t('activity.empty')}</p>}>
              <table class="table" data-testid="activity-table">
                <caption class="visually-hidden">{t('activity.title', { number: props.customerNumber })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('activity.when')}</th>
                    <th scope="col">{t('activity.what')}</th>
                    <th scope="col">{t('activity.who')}</th>
                    <th scope="col">{t('activity.concerns')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>{(row) => <ActivityRow row={row} />}</For>
                </tbody>
              </table>
              <Show when={list().length >= ACTIVITY_LIMIT}>
                <p class="muted">{t('activity.limited', { count: String(ACTIVITY_LIMIT) })}</p>
              </Show>
            </Show>
          )}
        </Show>
      </AsyncBoundary>
    </div>
  );
}

function ActivityRow(props: { row: AuditRow }) {
  const { t, dateTime } = useI18n();
  const r = () => props.row;
  return (
    <tr data-testid={`activity-${r().kind}`}>
      <td>{dateTime(r().occurred_at)}</td>
      <td>
        {t(kindKey(r().kind))}
        <Switch>
          <Match when={r().kind === 'customer_data_changed'}>
            <span class="meta"> {t('activity.changedFields', { fields: changedColumns(r()).join(', ') })}</span>
          </Match>
          <Match when={r().kind === 'contact_person_changed'}>
            <span class="meta"> {t('activity.contactChange', contactChange(r()))}</span>
          </Match>
        </Switch>
      </td>
      <td>
        <Switch fallback={t('activity.actorSystem')}>
          <Match when={r().actor_kind === 'user'}>{r().actor_email}</Match>
          <Match when={r().actor_kind === 'support'}>
            {t('activity.actorSupport')}
            <Show when={r().reason}>
              <span class="meta"> ({r().reason})</span>
            </Show>
          </Match>
        </Switch>
      </td>
      <td>
        {[r().subject_email, r().cluster_number].filter(Boolean).join(' · ')}
      </td>
    </tr>
  );
}
