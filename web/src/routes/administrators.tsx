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
import { canManageAdministrators } from '../lib/roles';
import { getAdministrators, inviteAdministrator, removeAdministrator } from './administrators.data';
import { getOverview } from './overview.data';

/** /clusters/:clusterId/administrators — "Manage administrators", a modal dialog over the overview. */
export default function AdministratorsDialog() {
  const { t } = useI18n();
  const params = useParams<{ clusterId: string }>();
  const navigate = useNavigate();
  const session = useSession();
  const overview = createAsync(() => getOverview(session.user()?.id ?? ''));
  const members = createAsync(() => getAdministrators(params.clusterId));
  const cluster = () => {
    const o = overview();
    if (!o) return undefined;
    for (const account of o.accounts) {
      const found = account.clusters.find((c) => c.id === params.clusterId);
      if (found) return { ...found, customer_number: found.customer_number ?? account.customer_number };
    }
    return o.otherClusters.find((c) => c.id === params.clusterId);
  };

  return (
    <Dialog
      testId="administrators-dialog"
      title={<SafeText value={() => cluster() && t('administrators.title', { number: cluster()!.cluster_number })} fallback={t('administrators.heading')} />}
      subtitle={<SafeText value={() => cluster()?.name ?? undefined} fallback="" />}
      onClose={() => navigate('/')}
    >
      <AsyncBoundary retry={() => revalidate(getOverview.key)}>
        <Show when={overview()}>
          <Show when={canManageAdministrators(cluster()?.my_role) && cluster()} fallback={<ErrorAlert error={new AppError('not_allowed')} />}>
            {(c) => (
              <MembersPanel
                scopeId={params.clusterId}
                members={members}
                retry={() => revalidate(getAdministrators.keyFor(params.clusterId))}
                listHeading="administrators.listHeading"
                inviteLabel="administrators.invite"
                removeAction={removeAdministrator}
                inviteAction={inviteAdministrator}
              afterList={<PendingInvitations role="administrator" targetId={params.clusterId} />}
              >
                <p>{t('administrators.intro')}</p>
                <p class="note">{t('administrators.managersNote', { account: c().customer_number ?? '' })}</p>
              </MembersPanel>
            )}
          </Show>
        </Show>
      </AsyncBoundary>
    </Dialog>
  );
}
