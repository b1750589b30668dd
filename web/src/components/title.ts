import { createEffect } from 'solid-js';
import { useBrand } from '../data/config-context';
import { useI18n, type MessageKey } from '../i18n';

/** Sets document.title to "<page> · Application Center · <brand>" (brand from /api/config). */
export function usePageTitle(key: MessageKey) {
  const { t } = useI18n();
  const brand = useBrand();
  createEffect(() => {
    document.title = [t(key), t('app.name'), brand?.name].filter(Boolean).join(' · ');
  });
}
