import { Show, type JSX } from 'solid-js';
import { useBrand } from '../data/config-context';
import { useI18n } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

export function Header(props: { account?: JSX.Element }) {
  const { t } = useI18n();
  const brand = useBrand();
  return (
    <header class="site-header">
      <div class="site-header-inner">
        <a class="brand" href="/">
          <Show when={brand?.name}>
            <span class="brand-name">{brand?.name}</span>
          </Show>
          <span class="brand-product">{t('app.name')}</span>
        </a>
        <div class="header-tools">
          <LanguageSwitch />
          {props.account}
        </div>
      </div>
    </header>
  );
}
