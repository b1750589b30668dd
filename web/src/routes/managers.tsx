import { createAsync, revalidate, useNavigate, useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { Dialog } from '../components/Dialog';
import { AsyncBoundary, ErrorAlert } from '../components/feedback';
import { MembersPanel } from '../components/MembersPanel';
import { PendingInvitations } from '../components/PendingInvitations';
import { SafeText } from '../components/SafeText';
import { AppError } from '../data/errors';
import { useSession } from '../data/session';
import { useI18n } from '../i18n';
import { getManagers, inviteManager, removeManager } from './managers.data';
import { getOverview } from './overview.data';

/** /accounts/:accountId/managers — "Manage managers", a modal dialog over the overview. */
export default function ManagersDialog() {
  const { t } = useI18n();
  const params = useParams<{ accountId: string }>();
  const navigate = useNavigate();
  const session = useSession();
  const overview = createAsync(() => getOverview(session.user()?.id ?? ''));
  const members = createAsync(() => getManagers(params.accountId));
  const account = () => overview()?.accounts.find((a) => a.id === params.accountId);

  return (
    <Dialog
      testId="managers-dialog"
      title={<SafeText value={() => account() && t('managers.title', { number: account()!.customer_number })} fallback={t('managers.heading')} />}
      subtitle={<SafeText value={() => account()?.company_name ?? undefined} fallback="" />}
      onClose={() => navigate('/')}
    >
      <AsyncBoundary retry={() => revalidate(getOverview.key)}>
        <Show when={overview()}>
          <Show when={account()} fallback={<ErrorAlert error={new AppError('not_allowed')} />}>
            <MembersPanel
              scopeId={params.accountId}
              members={members}
              retry={() => revalidate(getManagers.keyFor(params.accountId))}
              listHeading="managers.listHeading"
              inviteLabel="managers.invite"
              removeAction={removeManager}
              inviteAction={inviteManager}
              afterList={<PendingInvitations role="manager" targetId={params.accountId} />}
            >
              <p>{t('managers.intro')}</p>
              <p class="muted">{t('members.contactPersonNote')}</p>
            </MembersPanel>
          </Show>
        </Show>
      </AsyncBoundary>
    </Dialog>
  );
}
