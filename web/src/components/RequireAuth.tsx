import { useLocation, useNavigate } from '@solidjs/router';
import { createEffect, Show, type ParentProps } from 'solid-js';
import { useSession } from '../data/session';
import { loginUrl } from '../lib/redirect';
import { Loading } from './feedback';

/** Renders its children for a signed-in user; sends everybody else to /login (and back afterwards). */
export function RequireAuth(props: ParentProps) {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  createEffect(() => {
    if (session.ready() && !session.session()) navigate(loginUrl(location.pathname + location.search), { replace: true });
  });
  return (
    <Show when={session.ready() && session.session()} fallback={<Loading />}>
      {props.children}
    </Show>
  );
}
