import { A, createAsync, revalidate, useAction, useLocation, useNavigate, useSearchParams, useSubmission } from '@solidjs/router';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { AsyncBoundary, ErrorAlert, Loading } from '../components/feedback';
import { NewPasswordForm } from '../components/NewPasswordForm';
import { usePageTitle } from '../components/title';
import { AppError, errorCode, type ErrorCode } from '../data/errors';
import { useSession } from '../data/session';
import { useI18n, type MessageKey } from '../i18n';
import { loginUrl } from '../lib/redirect';
import { isRole, roleKey } from '../lib/roles';
import { acceptSignedIn, getInvitation, setPasswordAndAccept, signInAndAccept, verifyInvite, type InvitationInfo } from './accept-invitation.data';

const STATE_KEYS: Record<string, MessageKey> = {
  pending: 'accept.state.pending',
  expired: 'accept.state.expired',
  accepted: 'accept.state.accepted',
  used: 'accept.state.accepted',
  revoked: 'accept.state.revoked',
};
const STATE_ERRORS: Record<string, ErrorCode> = {
  expired: 'invitation_expired',
  accepted: 'invitation_used',
  used: 'invitation_used',
  revoked: 'invitation_not_found',
};

/**
 * /invitations/accept?token=…&token_hash=…&type=invite|magiclink
 * Opening the page only reads (get_invitation); every change needs a button press.
 */
export default function AcceptInvitationPage() {
  const { t } = useI18n();
  usePageTitle('accept.title');
  const [search] = useSearchParams();
  const param = (name: string) => (typeof search[name] === 'string' ? (search[name] as string) : '');
  const token = () => param('token');
  const tokenHash = () => param('token_hash');
  const linkType = () => (param('type') === 'magiclink' ? 'magiclink' : 'invite');
  const invitation = createAsync(() => (token() ? getInvitation(token()) : Promise.reject(new AppError('invitation_not_found'))));

  return (
    <div class="page page-narrow">
      <h1>{t('accept.title')}</h1>
      <AsyncBoundary retry={() => revalidate(getInvitation.key)}>
        <Show when={invitation()}>
          {(inv) => <InvitationView invitation={inv()} token={token()} tokenHash={tokenHash()} linkType={linkType()} />}
        </Show>
      </AsyncBoundary>
    </div>
  );
}

function InvitationView(props: { invitation: InvitationInfo; token: string; tokenHash: string; linkType: 'invite' | 'magiclink' }) {
  const { t, dateTime } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const inv = () => props.invitation;
  const role = () => (isRole(inv().role) ? t(roleKey(inv().role)) : inv().role);
  const target = () =>
    inv().role === 'administrator'
      ? t('accept.targetCluster', { number: inv().cluster_number ?? '', name: inv().target_name ?? '' })
      : t('accept.targetAccount', { number: inv().customer_number ?? '', name: inv().target_name ?? '' });
  const stateError = () => (inv().state === 'pending' ? undefined : new AppError(STATE_ERRORS[inv().state] ?? 'invitation_not_found'));

  // The flow chosen by a button press sticks, even when the session changes underneath it.
  const [flow, setFlow] = createSignal<'new' | 'existing' | null>(null);
  const [step, setStep] = createSignal<'start' | 'password'>('start');

  const runVerify = useAction(verifyInvite);
  const verifySub = useSubmission(verifyInvite);
  const runSetPassword = useAction(setPasswordAndAccept);
  const passwordSub = useSubmission(setPasswordAndAccept);
  const runMagic = useAction(signInAndAccept);
  const magicSub = useSubmission(signInAndAccept);
  const runAccept = useAction(acceptSignedIn);
  const acceptSub = useSubmission(acceptSignedIn);

  const done = () => navigate('/', { replace: true, state: { flash: 'flash.invitationAccepted' } });

  const mode = () => {
    if (step() === 'password') return 'password';
    if (flow()) return flow()!;
    if (!session.ready()) return 'loading';
    if (session.session()) return 'signedIn';
    return props.linkType === 'magiclink' ? 'existing' : 'new';
  };
  const wrongUser = () => errorCode(acceptSub.error) === 'invitation_wrong_user';

  const onAcceptNew = () => {
    setFlow('new');
    runVerify(props.token, props.tokenHash).then(() => setStep('password'), () => {});
  };
  const onMagic = () => {
    setFlow('existing');
    runMagic(props.token, props.tokenHash).then(done, () => {});
  };
  const onAccept = () => {
    runAccept(props.token).then(done, () => {});
  };
  const onSignOutAndContinue = async () => {
    await session.signOut();
    acceptSub.clear();
  };

  const here = () => location.pathname + location.search;

  return (
    <>
      <div class="card invitation">
        <p class="lead">{t('accept.summary', { inviter: inv().inviter_email ?? '', role: role(), target: target() })}</p>
        <dl class="details">
          <div>
            <dt>{t('accept.inviter')}</dt>
            <dd>{inv().inviter_email}</dd>
          </div>
          <div>
            <dt>{t('accept.role')}</dt>
            <dd>{role()}</dd>
          </div>
          <div>
            <dt>{t('accept.target')}</dt>
            <dd>{target()}</dd>
          </div>
          <div>
            <dt>{t('accept.email')}</dt>
            <dd>{inv().email_masked}</dd>
          </div>
          <div>
            <dt>{t('accept.expires')}</dt>
            <dd>{dateTime(inv().expires_at)}</dd>
          </div>
          <div>
            <dt>{t('accept.state')}</dt>
            <dd data-testid="invitation-state">{t(STATE_KEYS[inv().state] ?? 'accept.state.unknown')}</dd>
          </div>
        </dl>
      </div>

      <Show when={!stateError()} fallback={<ErrorAlert error={stateError()} />}>
        <Switch>
          <Match when={mode() === 'loading'}>
            <Loading />
          </Match>

          <Match when={mode() === 'new'}>
            <section class="card" aria-labelledby="accept-step">
              <p id="accept-step">{t('accept.newUserText')}</p>
              <ErrorAlert error={verifySub.error} />
              <div class="form-actions">
                <button type="button" class="button" onClick={onAcceptNew} disabled={verifySub.pending}>
                  {t('accept.acceptNew')}
                </button>
                <Show when={verifySub.pending}>
                  <span class="pending" role="status">
                    {t('accept.pending')}
                  </span>
                </Show>
              </div>
            </section>
          </Match>

          <Match when={mode() === 'password'}>
            <section aria-labelledby="accept-password-heading">
              <h2 id="accept-password-heading">{t('accept.choosePassword')}</h2>
              <NewPasswordForm
                id="accept"
                submitLabel="accept.savePassword"
                pending={passwordSub.pending ?? false}
                error={passwordSub.error}
                onPassword={(password) => runSetPassword(props.token, password).then(done, () => {})}
              />
            </section>
          </Match>

          <Match when={mode() === 'existing'}>
            <section class="card" aria-labelledby="accept-step">
              <p id="accept-step">{t('accept.existingText')}</p>
              <ErrorAlert error={magicSub.error} />
              <div class="form-actions">
                <button type="button" class="button" onClick={onMagic} disabled={magicSub.pending}>
                  {t('accept.signInAndAccept')}
                </button>
                <Show when={magicSub.pending}>
                  <span class="pending" role="status">
                    {t('accept.pending')}
                  </span>
                </Show>
              </div>
              <p class="form-links">
                <A href={loginUrl(here())}>{t('accept.passwordInstead')}</A>
              </p>
            </section>
          </Match>

          <Match when={mode() === 'signedIn'}>
            <section class="card" aria-labelledby="accept-step">
              <Show
                when={wrongUser()}
                fallback={
                  <>
                    <p id="accept-step">{t('accept.signedInText', { email: session.email() ?? '' })}</p>
                    <ErrorAlert error={acceptSub.error} />
                    <div class="form-actions">
                      <button type="button" class="button" onClick={onAccept} disabled={acceptSub.pending}>
                        {t('accept.accept')}
                      </button>
                      <Show when={acceptSub.pending}>
                        <span class="pending" role="status">
                          {t('accept.pending')}
                        </span>
                      </Show>
                    </div>
                  </>
                }
              >
                <div class="alert alert-error" role="alert">
                  <p id="accept-step">{t('accept.wrongUser', { email: session.email() ?? '' })}</p>
                  <p>{t('accept.stillPending')}</p>
                </div>
                <div class="form-actions">
                  <button type="button" class="button" onClick={onSignOutAndContinue}>
                    {t('accept.signOutAndContinue')}
                  </button>
                </div>
              </Show>
            </section>
          </Match>
        </Switch>
      </Show>
    </>
  );
}
