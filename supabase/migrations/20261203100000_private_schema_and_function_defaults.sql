-- The API exposes only schema public. Everything the policies need but users must not call directly lives in
-- app_private, which PostgREST does not serve (basejump's layout).
create schema if not exists app_private;
comment on schema app_private is 'Helper functions for row-level security and triggers. Not exposed through the API.';

-- Postgres lets PUBLIC execute every new function. Nothing shall be callable that no grant names, so each
-- migration grants execute explicitly to the roles that need it.
alter default privileges in schema public revoke execute on functions from public;
alter default privileges in schema app_private revoke execute on functions from public;
revoke all on schema app_private from public;
-- Policies call the helpers as the requesting role, which therefore needs usage on the schema (but the
-- schema is not reachable over REST).
grant usage on schema app_private to authenticated, service_role;
