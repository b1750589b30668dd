import { A } from '@solidjs/router';
import { useI18n } from '../i18n';
import { usePageTitle } from './title';

/** Shown for commercial pages when RLS returns nothing for the user: not a 404, a clear "no access". */
export function NoAccess() {
  const { t } = useI18n();
  usePageTitle('noAccess.title');
  return (
    <div class="page page-narrow" data-testid="no-access">
      <h1>{t('noAccess.title')}</h1>
      <p>{t('noAccess.text')}</p>
      <p>
        <A href="/">{t('noAccess.back')}</A>
      </p>
    </div>
  );
}
