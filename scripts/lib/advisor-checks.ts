// The project's own security and performance advisor: catalog queries covering what Supabase's advisor
// checks (and a little more). Each returns one line per finding; none may be found in our schema.
export const EXPOSED_SCHEMAS = ['public'];

/** security definer functions that anon/authenticated may execute on purpose, each checked by its own tests. */
export const DEFINER_ALLOW_LIST = [
  'public.create_invitation',
  'public.get_invitation',
  'public.accept_invitation',
  'public.resend_invitation',
  'public.revoke_invitation',
  'public.set_contact_person',
  'public.remove_manager',
  'public.place_order',
  'public.place_first_order',
  'app_private.managed_account_ids',
  'app_private.managed_cluster_ids',
  'app_private.administered_cluster_ids',
  'app_private.visible_profile_ids',
];

/** Tables with RLS on and deliberately no policy (nobody but service_role may touch them). */
export const NO_POLICY_ALLOW_LIST: string[] = [];

const schemas = `array[${EXPOSED_SCHEMAS.map((s) => `'${s}'`).join(',')}]`;

export interface Check {
  sql: string;
  params?: unknown[];
}

export const CHECKS: Record<string, Check> = {
  'table without RLS in an exposed schema': { sql: `
    select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and n.nspname = any(${schemas}) and not c.relrowsecurity` },

  'policy on a table with RLS off': { sql: `
    select format('%I.%I: %s', p.schemaname, p.tablename, p.policyname) from pg_policies p
      join pg_class c on c.relname = p.tablename join pg_namespace n on n.oid = c.relnamespace and n.nspname = p.schemaname
     where not c.relrowsecurity` },

  'RLS on but no policy': { sql: `
    select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and n.nspname = any(${schemas}) and c.relrowsecurity
       and not exists (select 1 from pg_policy p where p.polrelid = c.oid)
       and format('%s.%s', n.nspname, c.relname) <> all($1::text[])`, params: [NO_POLICY_ALLOW_LIST] },

  'view without security_invoker in an exposed schema': { sql: `
    select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('v', 'm') and n.nspname = any(${schemas})
       and not coalesce(c.reloptions @> array['security_invoker=true'] or c.reloptions @> array['security_invoker=on'], false)` },

  'auth.users reachable through an exposed view': { sql: `
    select distinct format('%I.%I', vn.nspname, v.relname)
      from pg_depend d
      join pg_rewrite r on r.oid = d.objid
      join pg_class v on v.oid = r.ev_class
      join pg_namespace vn on vn.oid = v.relnamespace
     where d.refobjid = 'auth.users'::regclass and vn.nspname = any(${schemas}) and v.relkind in ('v', 'm')` },

  'security definer function without a fixed search_path': { sql: `
    select format('%I.%I', n.nspname, p.proname) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where p.prosecdef and n.nspname not in ('pg_catalog', 'information_schema', 'auth', 'extensions')
       and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) cfg where cfg like 'search_path=%')` },

  'security definer function executable by anon/authenticated, not on the allow-list': { sql: `
    select format('%s.%s', n.nspname, p.proname) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where p.prosecdef and n.nspname not in ('pg_catalog', 'information_schema', 'auth', 'extensions')
       and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))
       and format('%s.%s', n.nspname, p.proname) <> all($1::text[])`, params: [DEFINER_ALLOW_LIST] },

  'auth.*() or current_setting() in a policy not wrapped in (select ...)': { sql: `
    select format('%I.%I: %s', schemaname, tablename, policyname) from pg_policies
     where regexp_replace(coalesce(qual, '') || ' ' || coalesce(with_check, ''),
             '\\(\\s*SELECT\\s+(auth\\.\\w+\\(\\)|current_setting\\([^)]*\\)(::\\w+)?)(\\s+AS\\s+\\w+)?\\s*\\)', '', 'gi')
           ~* '(auth\\.\\w+\\(|current_setting\\()'` },

  'more than one permissive policy for the same role and action': { sql: `
    select format('%I.%I: %s for %s (%s)', schemaname, tablename, string_agg(policyname, ', '), r, cmd)
      from pg_policies, unnest(roles) r
     where permissive = 'PERMISSIVE'
     group by schemaname, tablename, r, cmd having count(*) > 1
    union all
    select format('%I.%I: %s and %s for %s', a.schemaname, a.tablename, a.policyname, b.policyname, r)
      from pg_policies a join pg_policies b on a.schemaname = b.schemaname and a.tablename = b.tablename and a.policyname < b.policyname
      cross join lateral unnest(a.roles) r
     where a.permissive = 'PERMISSIVE' and b.permissive = 'PERMISSIVE' and r = any(b.roles)
       and (a.cmd = 'ALL') <> (b.cmd = 'ALL') and a.cmd <> b.cmd` },

  'write policy that is using (true) or with check (true)': { sql: `
    select format('%I.%I: %s', schemaname, tablename, policyname) from pg_policies
     where cmd in ('INSERT', 'UPDATE', 'DELETE', 'ALL')
       and (btrim(coalesce(qual, '')) = 'true' or btrim(coalesce(with_check, '')) = 'true')` },

  'policy reading user_metadata': { sql: `
    select format('%I.%I: %s', schemaname, tablename, policyname) from pg_policies
     where coalesce(qual, '') || coalesce(with_check, '') ~* 'user_metadata|raw_user_meta_data'` },

  'foreign key without a covering index': { sql: `
    select format('%I.%I (%s)', n.nspname, c.relname, con.conname) from pg_constraint con
      join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
     where con.contype = 'f' and n.nspname in ('public', 'app_private')
       and not exists (
         select 1 from pg_index i
          where i.indrelid = con.conrelid
            and (select array_agg(k order by k) from unnest((i.indkey::int2[])[0:cardinality(con.conkey) - 1]) k)
              = (select array_agg(k order by k) from unnest(con.conkey) k))` },

  'table without a primary key': { sql: `
    select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and n.nspname in ('public', 'app_private')
       and not exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'p')` },
};
