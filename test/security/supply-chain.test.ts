import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LICENCES_DOC, productionPackages, renderLicences, unexplainedFlags } from '../../scripts/licences.js';

/**
 * Supply chain (issue 19): every package pinned by version and sha512 integrity, fetched from the
 * public npm registry only, no install script outside the allow-list, licences listed.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, { version?: string; resolved?: string; integrity?: string; link?: boolean; hasInstallScript?: boolean }>;
};
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;

/**
 * Packages allowed to run code at `npm install`, and why. Anything else with a
 * preinstall/install/postinstall script (or a binding.gyp, which npm builds implicitly) fails.
 */
const INSTALL_SCRIPT_ALLOW_LIST: Record<string, string> = {
  'better-sqlite3': 'native SQLite binding: `prebuild-install || node-gyp rebuild` fetches or builds the .node file (the SQLite database of the platform)',
  esbuild: '`node install.js` checks that the platform binary of @esbuild/<platform> is in place (build tool of vite and tsx; the binary itself comes as an optional dependency with an integrity hash)',
};

/** The registry every package must come from (when the lockfile records where). */
const REGISTRY = 'https://registry.npmjs.org/';

const entries = Object.entries(lock.packages).filter(([key]) => key !== '');

describe('package-lock.json pins every package', () => {
  it('is a v3 lockfile with the whole tree', () => {
    expect(lock.lockfileVersion).toBe(3);
    expect(entries.length).toBeGreaterThan(100);
  });

  it('every package has an exact version and a sha512 integrity hash', () => {
    const bad = entries
      .filter(([, e]) => !e.link)
      .filter(([, e]) => !e.version || !/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/.test(e.version) || !/^sha512-[A-Za-z0-9+/]{86}==$/.test(e.integrity ?? ''))
      .map(([key, e]) => `${key} ${e.version ?? '(no version)'} ${e.integrity?.slice(0, 12) ?? '(no integrity)'}`);
    expect(bad).toEqual([]);
  });

  it('every package comes from the public npm registry (no git, file, http or tarball sources; no links)', () => {
    // The machine's npm config sets omit-lockfile-registry-resolved=true, so `resolved` is left out
    // for registry packages (npm then fetches from the configured registry and checks the sha512
    // above). Where a `resolved` is written it must be the registry; anything else is refused.
    const bad = entries.filter(([, e]) => e.link || (e.resolved !== undefined && !e.resolved.startsWith(REGISTRY))).map(([key, e]) => `${key} ${e.resolved ?? 'link'}`);
    expect(bad).toEqual([]);
    const specs = { ...manifest.dependencies, ...manifest.devDependencies };
    const nonRegistry = Object.entries(specs).filter(([, spec]) => !/^[\^~]?\d+(?:\.\d+){0,2}(?:-[\w.]+)?$/.test(spec));
    expect(nonRegistry).toEqual([]);
  });

  it('package.json and the lockfile agree on the direct dependencies', () => {
    const root = lock.packages[''] as unknown as Record<string, Record<string, string>>;
    expect(root.dependencies).toEqual(manifest.dependencies);
    expect(root.devDependencies).toEqual(manifest.devDependencies);
  });
});

describe('install scripts', () => {
  it('the lockfile marks install scripts only on allow-listed packages', () => {
    const withScripts = entries.filter(([, e]) => e.hasInstallScript).map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 13));
    expect(withScripts.filter((name) => !(name in INSTALL_SCRIPT_ALLOW_LIST))).toEqual([]);
  });

  it('no installed package has a preinstall/install/postinstall script or a binding.gyp unless allow-listed', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        if (entry.name.startsWith('@')) {
          walk(full);
          continue;
        }
        const manifestFile = path.join(full, 'package.json');
        if (!fs.existsSync(manifestFile)) continue;
        const pkg = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { name?: string; scripts?: Record<string, string> };
        const hooks = ['preinstall', 'install', 'postinstall'].filter((hook) => pkg.scripts?.[hook]);
        if (fs.existsSync(path.join(full, 'binding.gyp'))) hooks.push('binding.gyp');
        if (hooks.length) found.push(`${pkg.name ?? entry.name}: ${hooks.join(', ')}`);
        if (fs.existsSync(path.join(full, 'node_modules'))) walk(path.join(full, 'node_modules'));
      }
    };
    walk(path.join(ROOT, 'node_modules'));
    expect(found.length).toBeGreaterThan(0); // the scan sees better-sqlite3 at least
    expect(found.filter((line) => !(line.split(':')[0] in INSTALL_SCRIPT_ALLOW_LIST))).toEqual([]);
  });

  it('package.json allowScripts names exactly the allow-list', () => {
    expect(Object.keys(manifest.allowScripts ?? {}).sort()).toEqual(Object.keys(INSTALL_SCRIPT_ALLOW_LIST).sort());
  });
});

describe('licences of the production dependencies', () => {
  const packages = productionPackages(ROOT);

  it('docs/licences.md is the output of `npm run licences` for the installed tree', () => {
    expect(fs.readFileSync(LICENCES_DOC, 'utf8')).toBe(renderLicences(packages));
  });

  it('every copyleft, dual or unknown licence is explained in the document', () => {
    expect(unexplainedFlags(packages)).toEqual([]);
  });

  it('lists the direct production dependencies', () => {
    const names = new Set(packages.map((p) => p.name));
    for (const dep of Object.keys(manifest.dependencies)) expect(names, dep).toContain(dep);
  });
});
