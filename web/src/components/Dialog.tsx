import { createUniqueId, onCleanup, onMount, type JSX } from 'solid-js';
import { useI18n } from '../i18n';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * An accessible modal dialog: role="dialog", aria-modal, labelled by its heading, focus moved into it
 * and kept there, Escape and the Close button call onClose, focus returns to the opener afterwards.
 */
export function Dialog(props: { title: JSX.Element; subtitle?: JSX.Element; onClose: () => void; children: JSX.Element; testId?: string }) {
  const { t } = useI18n();
  const titleId = createUniqueId();
  let panel!: HTMLDivElement;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      props.onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && (document.activeElement === first || document.activeElement === panel)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  onMount(() => {
    document.body.classList.add('dialog-open');
    panel.focus();
  });
  onCleanup(() => {
    document.body.classList.remove('dialog-open');
    // Give focus back to the button that opened the dialog, if it is still there.
    queueMicrotask(() => {
      if (opener?.isConnected) opener.focus();
    });
  });

  return (
    <div
      class="dialog-backdrop"
      onClick={(e) => {
        if (e.target === e.currentTarget) props.onClose();
      }}
    >
      <div
        ref={panel}
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={props.testId}
      >
        <div class="dialog-head">
          <div>
            <h2 id={titleId}>{props.title}</h2>
            {props.subtitle && <p class="dialog-subtitle">{props.subtitle}</p>}
          </div>
          <button type="button" class="button button-secondary button-small" onClick={() => props.onClose()}>
            {t('app.close')}
          </button>
        </div>
        <div class="dialog-body">{props.children}</div>
      </div>
    </div>
  );
}
