// `wrangler deploy --dry-run`: bundles the Worker together with the SPA assets and checks wrangler.toml
// offline, exactly what a real deploy would upload, without credentials or network. A stub SPA stands in for
// dist/web so that this runs without a build.
import { expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(import.meta.dirname, '..', '..');

it('wrangler deploy --dry-run bundles the Worker with the assets and accepts the configuration', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ac-dry-run-'));
  const assets = join(dir, 'assets');
  const out = join(dir, 'out');
  mkdirSync(assets);
  writeFileSync(join(assets, 'index.html'), '<!doctype html><title>Application Center</title><div id="root"></div>');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), 'deploy', '--dry-run', '--outdir', out, '--assets', assets],
    {
      cwd: root,
      timeout: 90_000,
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_COLOR: '1', CLOUDFLARE_API_TOKEN: '' },
    },
  );
  expect(stdout).toContain('--dry-run: exiting now');
  expect(stdout).toMatch(/Read 1 file from the assets directory/);
  expect(stdout).toContain('env.ASSETS');
  expect(readdirSync(out)).toContain('index.js');
  expect(existsSync(join(out, 'index.js'))).toBe(true);
}, 120_000);
