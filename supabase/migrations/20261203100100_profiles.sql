-- One profile per Supabase Auth user: the e-mail address and name that managers see in the member lists.
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null,
  display_name text check (char_length(display_name) <= 200),
  language text check (language in ('de', 'en')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'A person who can log in to the Application Center. Mirrors auth.users (kept in sync by a trigger); delete the user under Authentication to delete the profile.';
comment on column public.profiles.id is 'Same id as the user in auth.users.';
comment on column public.profiles.email is 'Login e-mail address, copied from auth.users. Change it in Authentication, not here.';
comment on column public.profiles.display_name is 'Name shown in member lists; optional.';
comment on column public.profiles.language is 'Preferred language of the user interface and e-mails: de or en (null = browser default).';
comment on column public.profiles.created_at is 'When the login was created.';
comment on column public.profiles.updated_at is 'Last change of this profile.';

create unique index profiles_email_key on public.profiles (lower(email));

-- Who may call: only the trigger below (runs as owner). Why: auth.users is written by Supabase Auth, which
-- knows nothing about profiles.
create function app_private.sync_profile_from_auth_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.profiles (id, email, display_name, language)
  values (
    new.id,
    coalesce(new.email, ''),
    nullif(btrim(new.raw_user_meta_data ->> 'display_name'), ''),
    case when new.raw_user_meta_data ->> 'language' in ('de', 'en') then new.raw_user_meta_data ->> 'language' end
  )
  on conflict (id) do update
    set email = excluded.email,
        updated_at = now();
  return new;
end;
$$;
comment on function app_private.sync_profile_from_auth_user() is 'Trigger: creates the profile of a new Auth user and keeps its e-mail address in sync.';
revoke execute on function app_private.sync_profile_from_auth_user() from public;

create trigger on_auth_user_changed
  after insert or update of email on auth.users
  for each row execute function app_private.sync_profile_from_auth_user();

alter table public.profiles enable row level security;
