import { createAsync, revalidate, useAction, useSubmission } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { AsyncBoundary, ErrorAlert } from '../components/feedback';
import { RequireAuth } from '../components/RequireAuth';
import { usePageTitle } from '../components/title';
import { useI18n } from '../i18n';
import { getNotificationSettings, setNotification } from './notification-settings.data';

/** /settings/notifications — which e-mail notifications I receive; security-relevant ones are always on. */
export default function NotificationSettingsPage() {
  return (
    <RequireAuth>
      <NotificationSettings />
    </RequireAuth>
  );
}

function NotificationSettings() {
  const { t } = useI18n();
  usePageTitle('notifications.title');
  const settings = createAsync(() => getNotificationSettings());
  const save = useAction(setNotification);
  const saving = useSubmission(setNotification);
  return (
    <div class="page page-narrow">
      <h1>{t('notifications.title')}</h1>
      <p>{t('notifications.intro')}</p>
      <ErrorAlert error={saving.error} />
      <AsyncBoundary retry={() => revalidate(getNotificationSettings.key)}>
        <Show when={settings()}>
          {(list) => (
            <fieldset class="notification-settings" aria-busy={saving.pending ?? false}>
              <legend>{t('notifications.legend')}</legend>
              <For each={list()}>
                {(s) => (
                  <div class="field field-checkbox">
                    <input
                      type="checkbox"
                      id={`notification-${s.kind}`}
                      checked={s.receives}
                      disabled={!s.can_turn_off || saving.pending}
                      aria-describedby={s.can_turn_off ? undefined : `notification-${s.kind}-note`}
                      onChange={(e) => save(s.kind, e.currentTarget.checked).catch(() => {})}
                    />
                    <label for={`notification-${s.kind}`}>{t(`notifications.kind.${s.kind}`)}</label>
                    <Show when={!s.can_turn_off}>
                      <p class="hint" id={`notification-${s.kind}-note`}>
                        {t('notifications.alwaysOn')}
                      </p>
                    </Show>
                  </div>
                )}
              </For>
            </fieldset>
          )}
        </Show>
      </AsyncBoundary>
    </div>
  );
}
