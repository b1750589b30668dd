// Production bundle of the SPA: `vite build` with web/vite.config.ts into a temp folder, then every JS and CSS
// file gzipped (node:zlib, level 9). Initial = what index.html loads before the router runs (entry chunk, its
// static imports, CSS); every other chunk is loaded by a route on demand.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

export const INITIAL_JS_TARGET_KB = 45;

type ManifestEntry = { file: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[]; css?: string[]; src?: string };

const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(6);

export async function bundleReport(log: (line?: string) => void): Promise<boolean> {
  log();
  log('== SPA production bundle (vite build, gzip -9) ==');
  const outDir = mkdtempSync(join(tmpdir(), 'application-center-bench-web-'));
  try {
    await build({
      configFile: join(import.meta.dirname, '..', 'web', 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, sourcemap: false, manifest: 'manifest.json' },
    });
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as Record<string, ManifestEntry>;
    const gz = (file: string) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;

    // Initial: the entry and everything it imports statically.
    const initial = new Set<string>();
    const initialCss = new Set<string>();
    const visit = (key: string) => {
      const e = manifest[key];
      if (!e || initial.has(e.file)) return;
      initial.add(e.file);
      e.css?.forEach((c) => initialCss.add(c));
      e.imports?.forEach(visit);
    };
    Object.entries(manifest).filter(([, e]) => e.isEntry).forEach(([k]) => visit(k));
    const js = [...initial].reduce((n, f) => n + gz(f), 0);
    const css = [...initialCss].reduce((n, f) => n + gz(f), 0);
    const ok = js / 1024 <= INITIAL_JS_TARGET_KB;
    log(`initial JS  (login route) ${kb(js)} kB gzipped in ${initial.size} file(s)   target <= ${INITIAL_JS_TARGET_KB} kB: ${ok ? 'met' : 'MISSED'}`);
    log(`initial CSS               ${kb(css)} kB gzipped`);
    for (const f of initial) log(`  ${f.padEnd(44)} ${kb(gz(f))} kB`);

    const lazy = Object.entries(manifest).filter(([, e]) => e.isDynamicEntry);
    if (lazy.length === 0) log('route chunks: none (every route is in the initial bundle)');
    for (const [key, e] of lazy) {
      const own = new Set<string>();
      const walk = (k: string) => {
        const x = manifest[k];
        if (!x || initial.has(x.file) || own.has(x.file)) return;
        own.add(x.file);
        x.imports?.forEach(walk);
      };
      walk(key);
      const size = [...own].reduce((n, f) => n + gz(f), 0);
      log(`route chunk ${(e.src ?? key).padEnd(40)} ${kb(size)} kB gzipped (loaded on demand)`);
    }
    const all = readdirSync(join(outDir, 'assets')).filter((f) => /\.(js|css)$/.test(f));
    log(`all JS+CSS  ${kb(all.reduce((n, f) => n + gz(join('assets', f)), 0))} kB gzipped in ${all.length} files`);
    return true;
  } catch (e) {
    log(`bundle: FAILED: ${(e as Error).message}`);
    return false;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
