import { A } from '@solidjs/router';
import { usePageTitle } from '../components/title';
import { useI18n } from '../i18n';

export default function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle('notFound.title');
  return (
    <div class="page page-narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <A href="/">{t('notFound.back')}</A>
      </p>
    </div>
  );
}
