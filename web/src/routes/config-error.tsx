import { SupportContact } from '../components/SupportContact';
import { useI18n } from '../i18n';
import { createEffect } from 'solid-js';

/** Shown (outside the router) when /api/config could not be loaded. */
export default function ConfigErrorPage(props: { retry: () => void }) {
  const { t } = useI18n();
  createEffect(() => {
    document.title = `${t('config.title')} · ${t('app.name')}`;
  });
  return (
    <div class="page page-narrow">
      <h1>{t('config.title')}</h1>
      <div class="alert alert-error" role="alert">
        <p>{t('config.text')}</p>
      </div>
      <p>
        <button type="button" class="button" onClick={() => props.retry()}>
          {t('app.retry')}
        </button>
      </p>
      <SupportContact />
    </div>
  );
}
