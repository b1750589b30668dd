import { useAction, useNavigate, useSubmission, useSubmissions, type Action } from '@solidjs/router';
import { createSignal, createUniqueId, For, onCleanup, Show, type Accessor, type JSX } from 'solid-js';
import type { SentInvitation } from '../data/api';
import { useSession } from '../data/session';
import { useI18n, type Language, type MessageKey } from '../i18n';
import { AsyncBoundary, ErrorAlert, SuccessAlert } from './feedback';

export interface Member {
  user_id: string;
  email: string;
  display_name: string | null;
  added_at: string | null;
  is_contact_person?: boolean;
}

type RemoveAction = Action<[string, string, string], { removed: string; userId: string }>;
type InviteAction = Action<[string, string, Language], { invitation: SentInvitation }>;

/** Forget this dialog's old submissions when it closes, so reopening it starts clean. */
function clearOnCleanup(subs: ArrayLike<{ clear: () => void }>) {
  onCleanup(() => Array.from(subs).forEach((s) => s.clear()));
}

/**
 * The list of managers or administrators with the x per row (asks first) and the invite form.
 * `scopeId` is the account id or cluster id the actions are bound to.
 */
export function MembersPanel(props: {
  scopeId: string;
  members: Accessor<Member[] | undefined>;
  retry: () => void;
  listHeading: MessageKey;
  inviteLabel: MessageKey;
  removeAction: RemoveAction;
  inviteAction: InviteAction;
  /** Shown between the list and the invite button (the open invitations). */
  afterList?: JSX.Element;
  children?: JSX.Element;
}) {
  const { t, lang, date } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const headingId = createUniqueId();
  const inScope = (input: [string, ...unknown[]]) => input[0] === props.scopeId;

  // Remove (the x) ---------------------------------------------------------------------------------
  const remove = useAction(props.removeAction);
  const removal = useSubmission(props.removeAction, inScope);
  clearOnCleanup(useSubmissions(props.removeAction));
  const [confirming, setConfirming] = createSignal<Member | null>(null);
  const confirmId = createUniqueId();
  let listHeading!: HTMLHeadingElement;

  const confirmRemove = (member: Member) => {
    remove(props.scopeId, member.user_id, member.email)
      .then(() => {
        setConfirming(null);
        if (member.user_id === session.user()?.id) navigate('/', { replace: true });
        else listHeading.focus();
      })
      .catch(() => setConfirming(null));
  };
  const cancelRemove = (member: Member) => {
    setConfirming(null);
    queueMicrotask(() => document.getElementById(`remove-${member.user_id}`)?.focus());
  };

  // Invite -----------------------------------------------------------------------------------------
  const invite = useAction(props.inviteAction);
  const invitation = useSubmission(props.inviteAction, inScope);
  clearOnCleanup(useSubmissions(props.inviteAction));
  const [inviting, setInviting] = createSignal(false);
  let inviteButton: HTMLButtonElement | undefined;
  const formId = createUniqueId();

  const openInvite = () => {
    invitation.clear();
    setInviting(true);
  };
  const closeInvite = () => {
    setInviting(false);
    queueMicrotask(() => inviteButton?.focus());
  };
  const onInvite = (event: SubmitEvent) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget as HTMLFormElement).get('email') ?? '');
    invite(props.scopeId, email, lang()).then(closeInvite, () => {});
  };

  return (
    <div class="members">
      {props.children}

      <h3 id={headingId} ref={listHeading} tabIndex={-1}>
        {t(props.listHeading)}
      </h3>
      <ErrorAlert error={removal.error} />
      <Show when={removal.result}>{(r) => <SuccessAlert>{t('members.removed', { email: r().removed })}</SuccessAlert>}</Show>

      <Show when={confirming()} keyed>
        {(member) => (
          <div class="confirm" id={confirmId} role="group" aria-labelledby={`${confirmId}-text`}>
            <p class="confirm-text" id={`${confirmId}-text`}>
              {t('members.confirm', { email: member.email })}
            </p>
            <div class="confirm-actions">
              <button
                type="button"
                class="button button-danger button-small"
                ref={(el) => queueMicrotask(() => el.focus())}
                disabled={removal.pending}
                onClick={() => confirmRemove(member)}
              >
                {t('members.confirmYes')}
              </button>
              <button type="button" class="button button-secondary button-small" onClick={() => cancelRemove(member)}>
                {t('app.cancel')}
              </button>
              <Show when={removal.pending}>
                <span class="pending" role="status">
                  {t('members.removing')}
                </span>
              </Show>
            </div>
          </div>
        )}
      </Show>

      <AsyncBoundary retry={props.retry}>
        <Show when={props.members()}>
          {(members) => (
            <Show when={members().length > 0} fallback={<p class="muted">{t('members.empty')}</p>}>
              <ul class="member-list" aria-labelledby={headingId}>
                <For each={members()}>
                  {(member) => (
                    <li
                      class="member"
                      classList={{ 'member-confirming': confirming()?.user_id === member.user_id }}
                      data-testid={`member-${member.email}`}
                    >
                      <div class="member-main">
                        <span class="member-email">{member.email}</span>
                        <Show when={member.display_name}>
                          <span class="member-name">{member.display_name}</span>
                        </Show>
                        <span class="badges">
                          <Show when={member.is_contact_person}>
                            <span class="badge badge-contact">{t('members.contactPerson')}</span>
                          </Show>
                          <Show when={member.user_id === session.user()?.id}>
                            <span class="badge badge-muted">{t('members.you')}</span>
                          </Show>
                        </span>
                        <Show when={member.added_at}>
                          <span class="member-meta">{t('members.addedAt', { date: date(member.added_at) })}</span>
                        </Show>
                      </div>
                      <button
                        type="button"
                        id={`remove-${member.user_id}`}
                        class="icon-button"
                        aria-label={t('members.remove', { email: member.email })}
                        title={t('members.remove', { email: member.email })}
                        aria-controls={confirming()?.user_id === member.user_id ? confirmId : undefined}
                        aria-expanded={confirming()?.user_id === member.user_id}
                        onClick={() => {
                          removal.clear();
                          setConfirming(member);
                        }}
                      >
                        <span aria-hidden="true">×</span>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </AsyncBoundary>

      {props.afterList}

      <div class="invite">
        <Show
          when={inviting()}
          fallback={
            <>
              <Show when={invitation.result}>
                {(r) => (
                  <SuccessAlert>
                    {r().invitation.expiresAt
                      ? t('invite.sentUntil', { email: r().invitation.email, date: date(r().invitation.expiresAt) })
                      : t('invite.sent', { email: r().invitation.email })}
                  </SuccessAlert>
                )}
              </Show>
              <button type="button" class="button" ref={inviteButton} onClick={openInvite}>
                {t(props.inviteLabel)}
              </button>
            </>
          }
        >
          <form class="form invite-form" onSubmit={onInvite} noValidate aria-busy={invitation.pending ?? false} aria-label={t(props.inviteLabel)}>
            <div class="field">
              <label for={`${formId}-email`}>{t('invite.email')}</label>
              <input
                id={`${formId}-email`}
                name="email"
                type="email"
                inputmode="email"
                autocomplete="off"
                required
                aria-describedby={`${formId}-hint`}
                ref={(el) => queueMicrotask(() => el.focus())}
              />
              <p class="hint" id={`${formId}-hint`}>
                {t('invite.hint')}
              </p>
            </div>
            <ErrorAlert error={invitation.error} />
            <div class="form-actions">
              <button type="submit" class="button" disabled={invitation.pending}>
                {t('invite.submit')}
              </button>
              <button
                type="button"
                class="button button-secondary"
                onClick={() => {
                  invitation.clear();
                  closeInvite();
                }}
              >
                {t('app.cancel')}
              </button>
              <Show when={invitation.pending}>
                <span class="pending" role="status">
                  {t('invite.pending')}
                </span>
              </Show>
            </div>
          </form>
        </Show>
      </div>
    </div>
  );
}
