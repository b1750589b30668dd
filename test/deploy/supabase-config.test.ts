// supabase/config.toml is what `supabase start` (with Docker) and `supabase config push` read: the e-mail
// templates it names exist and link to SPA routes with the token_hash flow, the seed exists, and only public
// is exposed (support and audit stay dashboard-only).
import { expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const config = readFileSync(join(root, 'supabase', 'config.toml'), 'utf8');
const app = readFileSync(join(root, 'web', 'src', 'App.tsx'), 'utf8');

it('exposes only schema public through the API', () => {
  expect(config).toMatch(/^\[api\][^[]*^schemas = \["public"\]$/m);
});

it('names a site URL, redirect URLs of the SPA and the seed', () => {
  expect(config).toMatch(/^site_url = "http:\/\/127\.0\.0\.1:5173"$/m);
  expect(config).toMatch(/^additional_redirect_urls = \[.*"http:\/\/127\.0\.0\.1:5173\/\*\*".*\]$/m);
  const seed = /^sql_paths = \["\.\/(.+)"\]$/m.exec(config)?.[1];
  expect(seed && existsSync(join(root, 'supabase', seed))).toBe(true);
});

it.each([
  ['recovery', '/reset-password', 'recovery'],
  ['invite', '/invitations/accept', 'invite'],
])('the %s template exists and links to the SPA route %s with token_hash and type=%s', (name, route, type) => {
  const path = new RegExp(`^\\[auth\\.email\\.template\\.${name}\\]\\nsubject = ".+"\\ncontent_path = "\\./(.+)"$`, 'm').exec(config)?.[1];
  expect(path, `[auth.email.template.${name}] with subject and content_path`).toBeTruthy();
  const html = readFileSync(join(root, path!), 'utf8');
  expect(html).toContain(`token_hash={{ .TokenHash }}&type=${type}`);
  expect(html).toMatch(new RegExp(`\\{\\{ \\.(SiteURL|RedirectTo) \\}\\}${route === '/reset-password' ? '' : route.replace(/\//g, '\\/')}`));
  expect(app).toContain(`path="${route}"`);
});
