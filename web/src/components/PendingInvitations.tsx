import { createAsync, revalidate, useAction, useSubmission, useSubmissions } from '@solidjs/router';
import { createUniqueId, For, onCleanup, Show } from 'solid-js';
import { useI18n } from '../i18n';
import { getOpenInvitations, resendInvitationAction, revokeInvitationAction } from '../routes/invitations.data';
import { AsyncBoundary, ErrorAlert, SuccessAlert } from './feedback';

/** The open invitations of an account (managers) or a cluster (administrators), with Resend and Revoke. */
export function PendingInvitations(props: { role: 'manager' | 'administrator'; targetId: string }) {
  const { t, date } = useI18n();
  const headingId = createUniqueId();
  const invitations = createAsync(() => getOpenInvitations(props.role, props.targetId));
  const inScope = (input: [string, string, ...unknown[]]) => input[1] === props.targetId;
  const resend = useAction(resendInvitationAction);
  const revoke = useAction(revokeInvitationAction);
  const resending = useSubmission(resendInvitationAction, inScope);
  const revoking = useSubmission(revokeInvitationAction, inScope);
  const subs = [useSubmissions(resendInvitationAction), useSubmissions(revokeInvitationAction)];
  onCleanup(() => subs.forEach((list) => Array.from(list).forEach((s) => s.clear())));
  const busy = () => Boolean(resending.pending || revoking.pending);
  const clear = () => {
    resending.clear();
    revoking.clear();
  };

  return (
    <section class="pending-invitations" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('pending.heading')}</h3>
      <ErrorAlert error={resending.error ?? revoking.error} />
      <Show when={resending.result}>{(r) => <SuccessAlert>{t('pending.resent', { email: r().email })}</SuccessAlert>}</Show>
      <Show when={revoking.result}>{(r) => <SuccessAlert>{t('pending.revoked', { email: r().email })}</SuccessAlert>}</Show>
      <AsyncBoundary retry={() => revalidate(getOpenInvitations.keyFor(props.role, props.targetId))}>
        <Show when={invitations()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="muted">{t('pending.empty')}</p>}>
              <ul class="member-list" aria-labelledby={headingId}>
                <For each={list()}>
                  {(inv) => (
                    <li class="member" data-testid={`invitation-${inv.email}`}>
                      <div class="member-main">
                        <span class="member-email">{inv.email}</span>
                        <span class="badges">
                          <span class={`badge ${inv.state === 'pending' ? 'badge-muted' : 'badge-warning'}`} data-testid="invitation-state">
                            {t(`pending.state.${inv.state}`)}
                          </span>
                        </span>
                        <span class="member-meta">
                          {inv.state === 'expired' ? t('pending.expiredOn', { date: date(inv.expires_at) }) : t('pending.validUntil', { date: date(inv.expires_at) })}
                        </span>
                      </div>
                      <div class="invitation-actions">
                        <button
                          type="button"
                          class="button button-secondary button-small"
                          disabled={busy()}
                          aria-label={t('pending.resendFor', { email: inv.email })}
                          onClick={() => {
                            clear();
                            resend(props.role, props.targetId, inv.id, inv.email).catch(() => {});
                          }}
                        >
                          {t('pending.resend')}
                        </button>
                        <button
                          type="button"
                          class="button button-secondary button-small"
                          disabled={busy()}
                          aria-label={t('pending.revokeFor', { email: inv.email })}
                          onClick={() => {
                            clear();
                            revoke(props.role, props.targetId, inv.id, inv.email).catch(() => {});
                          }}
                        >
                          {t('pending.revoke')}
                        </button>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </AsyncBoundary>
      <Show when={busy()}>
        <span class="pending" role="status">
          {t('pending.working')}
        </span>
      </Show>
    </section>
  );
}
