import { Show } from 'solid-js';
import { useBrand } from '../data/config-context';
import { useI18n } from '../i18n';

/** The support contact from /api/config (e-mail, phone, hours), whatever of it is configured. */
export function SupportContact(props: { headingLevel?: 2 | 3 }) {
  const { t } = useI18n();
  const brand = useBrand();
  const tel = () => (brand?.supportPhone ?? '').replace(/[^+\d]/g, '');
  const heading = () => (
    <>
      {t('support.heading')}
      <Show when={brand?.name}> – {brand?.name}</Show>
    </>
  );
  return (
    <Show when={brand && (brand.supportEmail || brand.supportPhone || brand.supportHours)}>
      <section class="support" aria-label={t('support.heading')}>
        {props.headingLevel === 3 ? <h3>{heading()}</h3> : <h2>{heading()}</h2>}
        <dl class="support-list">
          <Show when={brand?.supportEmail}>
            <div>
              <dt>{t('support.email')}</dt>
              <dd>
                <a href={`mailto:${brand?.supportEmail}`}>{brand?.supportEmail}</a>
              </dd>
            </div>
          </Show>
          <Show when={brand?.supportPhone}>
            <div>
              <dt>{t('support.phone')}</dt>
              <dd>
                <a href={`tel:${tel()}`}>{brand?.supportPhone}</a>
              </dd>
            </div>
          </Show>
          <Show when={brand?.supportHours}>
            <div>
              <dt>{t('support.hours')}</dt>
              <dd>{brand?.supportHours}</dd>
            </div>
          </Show>
        </dl>
      </section>
    </Show>
  );
}
