-- Notifications about who may act on an account, written into the e-mail outbox by triggers, so that every
-- path that changes memberships (the API, accept_invitation, remove_manager, support staff in the SQL editor)
-- notifies in the same transaction:
--   manager added        -> the other managers of the account            (can be turned off)
--   manager removed      -> the remaining managers and the removed person (security-relevant: always)
--   contact person changed -> all managers of the account                (security-relevant: always)
--   administrator added  -> the administrator                            (can be turned off)
--   administrator removed -> the administrator                           (security-relevant: always)
-- Demo data (supabase/seed.sql) sets app.notifications = off for its session; nothing else does.

create type public.notification_kind as enum ('manager_added', 'manager_removed', 'contact_person_changed', 'administrator_added', 'administrator_removed');
comment on type public.notification_kind is 'The e-mail notifications of the Application Center. manager_removed, contact_person_changed and administrator_removed are security-relevant and cannot be turned off.';

create table public.notification_opt_outs (
  user_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  kind public.notification_kind not null,
  created_at timestamptz not null default now(),
  primary key (user_id, kind),
  constraint security_notifications_cannot_be_turned_off
    check (kind not in ('manager_removed', 'contact_person_changed', 'administrator_removed'))
);
comment on table public.notification_opt_outs is 'Notifications a user has turned off (one row per kind). Security-relevant kinds cannot be turned off (check constraint).';
comment on column public.notification_opt_outs.user_id is 'The user who does not want this notification.';
comment on column public.notification_opt_outs.kind is 'The notification turned off (manager_added or administrator_added).';
comment on column public.notification_opt_outs.created_at is 'When it was turned off.';
alter table public.notification_opt_outs enable row level security;
create policy "Users can see their own notification settings"
  on public.notification_opt_outs for select to authenticated using (user_id = (select auth.uid()));
create policy "Users can turn off their own notifications"
  on public.notification_opt_outs for insert to authenticated with check (user_id = (select auth.uid()));
create policy "Users can turn their own notifications back on"
  on public.notification_opt_outs for delete to authenticated using (user_id = (select auth.uid()));
grant select, insert, delete on public.notification_opt_outs to authenticated;
grant all on public.notification_opt_outs to service_role;

-- What the account settings page shows: every notification, whether I receive it, whether I may turn it off.
create view public.my_notification_settings with (security_invoker = true) as
select
  k.kind,
  not exists (select 1 from public.notification_opt_outs o where o.user_id = (select auth.uid()) and o.kind = k.kind) as receives,
  k.kind not in ('manager_removed', 'contact_person_changed', 'administrator_removed') as can_turn_off
from unnest(enum_range(null::public.notification_kind)) as k (kind)
where (select auth.uid()) is not null;
comment on view public.my_notification_settings is 'The signed-in user''s notifications: kind, receives (not turned off), can_turn_off (false for security-relevant kinds).';
grant select on public.my_notification_settings to authenticated;

-- Who may call: the notification triggers. Why: one place that knows who gets which notification in which
-- language, and respects opt-outs.
create function app_private.notify(p_kind public.notification_kind, p_recipient uuid, p_payload jsonb, p_event uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_to public.profiles%rowtype;
begin
  select * into v_to from public.profiles p where p.id = p_recipient;
  if not found or v_to.email = '' then
    return;
  end if;
  if exists (select 1 from public.notification_opt_outs o where o.user_id = p_recipient and o.kind = p_kind) then
    return;
  end if;
  perform app_private.enqueue_email(
    p_kind::text,
    v_to.email,
    coalesce(v_to.language, app_private.email_language(v_to.email, (select auth.uid()))),
    p_payload || jsonb_build_object('recipient_name', coalesce(v_to.display_name, v_to.email)),
    format('%s:%s:%s', p_kind, p_event, p_recipient));
end;
$$;
comment on function app_private.notify(public.notification_kind, uuid, jsonb, uuid) is 'Writes one notification e-mail into the outbox unless the recipient turned the kind off.';
revoke execute on function app_private.notify(public.notification_kind, uuid, jsonb, uuid) from public;

-- Who may call: the notification triggers. Why: the values every notification shows (account, the person
-- concerned, who did it).
create function app_private.notification_payload(p_account uuid, p_person uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'account_number', (select a.customer_number from public.customer_accounts a where a.id = p_account),
    'company_name', (select a.company_name from public.customer_accounts a where a.id = p_account),
    'person_email', (select p.email from public.profiles p where p.id = p_person),
    'person_name', (select p.display_name from public.profiles p where p.id = p_person),
    'actor_email', (select p.email from public.profiles p where p.id = (select auth.uid())),
    'actor_name', (select p.display_name from public.profiles p where p.id = (select auth.uid())))
$$;
comment on function app_private.notification_payload(uuid, uuid) is 'Account, person concerned and actor (null = support or system) for a notification e-mail.';
revoke execute on function app_private.notification_payload(uuid, uuid) from public;

-- Who may call: the triggers on account_managers. Why: managers are told about every change of managers.
create function app_private.notify_manager_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_row public.account_managers%rowtype := case when tg_op = 'INSERT' then new else old end;
  v_event uuid := gen_random_uuid();
  v_payload jsonb;
  v_manager uuid;
begin
  if current_setting('app.notifications', true) = 'off' then
    return null;
  end if;
  -- cascades (account or person deleted): nobody to tell about a membership that no longer matters
  if not exists (select 1 from public.customer_accounts a where a.id = v_row.account_id)
     or not exists (select 1 from public.profiles p where p.id = v_row.user_id) then
    return null;
  end if;
  v_payload := app_private.notification_payload(v_row.account_id, v_row.user_id);
  for v_manager in select m.user_id from public.account_managers m where m.account_id = v_row.account_id and m.user_id <> v_row.user_id loop
    perform app_private.notify(
      case when tg_op = 'INSERT' then 'manager_added' else 'manager_removed' end::public.notification_kind,
      v_manager, v_payload || '{"recipient":"manager"}', v_event);
  end loop;
  if tg_op = 'DELETE' then
    perform app_private.notify('manager_removed', v_row.user_id, v_payload || '{"recipient":"self"}', v_event);
  end if;
  return null;
end;
$$;
comment on function app_private.notify_manager_change() is 'Trigger: manager added / removed notifications to the managers of the account (and the removed person).';
revoke execute on function app_private.notify_manager_change() from public;
create trigger notify_manager_change
  after insert or delete on public.account_managers
  for each row execute function app_private.notify_manager_change();

-- Who may call: the triggers on cluster_administrators. Why: an administrator is told when added or removed.
create function app_private.notify_administrator_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_row public.cluster_administrators%rowtype := case when tg_op = 'INSERT' then new else old end;
  v_cluster public.clusters%rowtype;
begin
  if current_setting('app.notifications', true) = 'off' then
    return null;
  end if;
  select * into v_cluster from public.clusters c where c.id = v_row.cluster_id;
  if not found or not exists (select 1 from public.profiles p where p.id = v_row.user_id) then
    return null;
  end if;
  perform app_private.notify(
    case when tg_op = 'INSERT' then 'administrator_added' else 'administrator_removed' end::public.notification_kind,
    v_row.user_id,
    app_private.notification_payload(v_cluster.account_id, v_row.user_id)
      || jsonb_build_object('recipient', 'self', 'cluster_number', v_cluster.cluster_number, 'cluster_name', v_cluster.name),
    gen_random_uuid());
  return null;
end;
$$;
comment on function app_private.notify_administrator_change() is 'Trigger: administrator added / removed notification to the administrator.';
revoke execute on function app_private.notify_administrator_change() from public;
create trigger notify_administrator_change
  after insert or delete on public.cluster_administrators
  for each row execute function app_private.notify_administrator_change();

-- Who may call: the trigger on customer_accounts. Why: every manager is told when the contact person changes
-- (set_contact_person, remove_manager with handover, support); the new and the previous contact person get
-- their own wording.
create function app_private.notify_contact_person_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_event uuid := gen_random_uuid();
  v_payload jsonb;
  v_manager uuid;
begin
  if current_setting('app.notifications', true) = 'off' or old.contact_person_id is null or new.contact_person_id is null then
    return null;
  end if;
  v_payload := app_private.notification_payload(new.id, new.contact_person_id)
    || jsonb_build_object('previous_email', (select p.email from public.profiles p where p.id = old.contact_person_id),
                          'previous_name', (select p.display_name from public.profiles p where p.id = old.contact_person_id));
  for v_manager in select m.user_id from public.account_managers m where m.account_id = new.id loop
    perform app_private.notify('contact_person_changed', v_manager,
      v_payload || jsonb_build_object('recipient',
        case v_manager when new.contact_person_id then 'new' when old.contact_person_id then 'previous' else 'manager' end),
      v_event);
  end loop;
  -- the previous contact person is told even when they are no longer a manager (handover and removal)
  if not exists (select 1 from public.account_managers m where m.account_id = new.id and m.user_id = old.contact_person_id) then
    perform app_private.notify('contact_person_changed', old.contact_person_id, v_payload || '{"recipient":"previous"}', v_event);
  end if;
  return null;
end;
$$;
comment on function app_private.notify_contact_person_change() is 'Trigger: contact person changed notification to every manager of the account.';
revoke execute on function app_private.notify_contact_person_change() from public;
create trigger notify_contact_person_change
  after update of contact_person_id on public.customer_accounts
  for each row when (old.contact_person_id is distinct from new.contact_person_id)
  execute function app_private.notify_contact_person_change();
