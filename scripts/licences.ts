/**
 * `npm run licences`: writes docs/licences.md, the licences of the production dependencies
 * (every package of package-lock.json not marked `dev`), read from each installed package's
 * package.json (`license`, else the old `licenses` array, else its LICENSE file), falling back
 * to the lockfile's `license` for optional platform packages not installed on this machine.
 * Copyleft, dual-licensed and unknown licences are flagged in a table of their own.
 * `--check` compares instead of writing (exit 1 when docs/licences.md is out of date).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LICENCES_DOC = path.join(ROOT, 'docs', 'licences.md');

interface LockEntry {
  version?: string;
  license?: string;
  dev?: boolean;
  optional?: boolean;
  link?: boolean;
}

export interface ProductionPackage {
  name: string;
  version: string;
  licence: string;
  /** Where the licence was read: the package.json field, its LICENSE file, or the lockfile. */
  source: 'package.json' | 'LICENSE file' | 'lockfile' | 'none';
  installed: boolean;
}

/** Licences that put obligations on a distributor of the combined work (strong or weak copyleft). */
const COPYLEFT = /\b(A?GPL|LGPL|MPL|EPL|CDDL|EUPL|OSL|CC-BY-SA)/i;
/** Licences that need nothing beyond keeping the notice (or not even that). */
const PERMISSIVE = new Set(['MIT', 'MIT-0', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'BlueOak-1.0.0', 'Unlicense', 'Zlib', 'MIT/X11', 'CC0-1.0', 'Python-2.0', 'CC-BY-4.0']);

function nameOf(lockPath: string): string {
  return lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

function licenceFromFile(dir: string): string | undefined {
  const file = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\..*)?$/i.test(f)) : undefined;
  if (!file) return undefined;
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  if (/Permission is hereby granted, free of charge/.test(text)) return 'MIT';
  if (/Permission to use, copy, modify, and\/or distribute/.test(text)) return 'ISC';
  if (/Apache License/.test(text) && /Version 2\.0/.test(text)) return 'Apache-2.0';
  return undefined;
}

export function productionPackages(root = ROOT): ProductionPackage[] {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const out: ProductionPackage[] = [];
  for (const [lockPath, entry] of Object.entries(lock.packages)) {
    if (!lockPath || entry.dev || entry.link) continue;
    const dir = path.join(root, lockPath);
    const manifestFile = path.join(dir, 'package.json');
    const installed = fs.existsSync(manifestFile);
    let licence: string | undefined;
    let source: ProductionPackage['source'] = 'none';
    if (installed) {
      const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { license?: unknown; licenses?: unknown };
      if (typeof manifest.license === 'string') licence = manifest.license;
      else if (manifest.license && typeof manifest.license === 'object') licence = String((manifest.license as { type?: unknown }).type);
      else if (Array.isArray(manifest.licenses)) licence = manifest.licenses.map((l: { type?: unknown }) => String(l.type)).join(' OR ');
      if (licence) source = 'package.json';
      else if ((licence = licenceFromFile(dir))) source = 'LICENSE file';
    } else if (entry.license) {
      licence = entry.license;
      source = 'lockfile';
    }
    out.push({ name: nameOf(lockPath), version: entry.version ?? '', licence: licence ?? 'UNKNOWN', source, installed });
  }
  // One row per name@version (the same version nested in several places is listed once).
  const seen = new Set<string>();
  return out
    .filter((p) => (seen.has(`${p.name}@${p.version}`) ? false : (seen.add(`${p.name}@${p.version}`), true)))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.version.localeCompare(b.version, 'en'));
}

/** Why a licence needs a look: copyleft, a choice between licences, or unknown; undefined when plainly permissive. */
export function licenceFlag(licence: string): string | undefined {
  if (licence === 'UNKNOWN') return 'unknown: no licence declared';
  const parts = licence.replace(/[()]/g, '').split(/\s+(?:OR|AND)\s+/);
  const dual = /\sOR\s/.test(licence);
  if (dual && parts.some((p) => PERMISSIVE.has(p))) {
    return parts.some((p) => COPYLEFT.test(p)) ? 'dual licence including copyleft: used under the permissive choice' : undefined;
  }
  if (COPYLEFT.test(licence)) return 'copyleft';
  if (parts.every((p) => PERMISSIVE.has(p))) return undefined;
  return 'not on the permissive list: review';
}

/** Notes written by hand for the flagged packages (kept here so the file stays generated). */
const NOTES: Record<string, string> = {
  buffers:
    'The installed package declares no licence (no `license` field, no LICENSE file). Pulled in by exceljs → unzipper → binary (reading .xlsx files for imports). Not cleared: needs a decision (ask the author / replace the .xlsx reader) before a release.',
  jszip: 'Dual "MIT OR GPL-3.0-or-later": we use it under MIT (exceljs dependency).',
};

export function renderLicences(packages: ProductionPackage[]): string {
  const flagged = packages.filter((p) => licenceFlag(p.licence));
  const counts = new Map<string, number>();
  for (const p of packages) counts.set(p.licence, (counts.get(p.licence) ?? 0) + 1);
  const lines = [
    '# Licences of the production dependencies',
    '',
    'Generated by `npm run licences` (scripts/licences.ts) from package-lock.json and the installed',
    "packages' package.json files; do not edit by hand. test/security/supply-chain.test.ts fails when",
    'this file is out of date or when a copyleft / unknown licence appears that is not explained below.',
    '',
    `Production packages (lockfile entries not marked \`dev\`): ${packages.length}.`,
    '',
    '## Needs a look (copyleft, dual or unknown)',
    '',
    '| Package | Version | Licence | Flag | Note |',
    '| --- | --- | --- | --- | --- |',
    ...flagged.map((p) => `| ${p.name} | ${p.version} | ${p.licence} | ${licenceFlag(p.licence)} | ${NOTES[p.name] ?? ''} |`),
    '',
    '## Count by licence',
    '',
    '| Licence | Packages |',
    '| --- | --- |',
    ...[...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en')).map(([l, n]) => `| ${l} | ${n} |`),
    '',
    '## All production packages',
    '',
    'Source: where the licence was read (`lockfile` = an optional platform package not installed here).',
    '',
    '| Package | Version | Licence | Source |',
    '| --- | --- | --- | --- |',
    ...packages.map((p) => `| ${p.name} | ${p.version} | ${p.licence} | ${p.source} |`),
    '',
  ];
  return lines.join('\n');
}

/** Flagged packages without a note in NOTES (the test wants none). */
export function unexplainedFlags(packages: ProductionPackage[]): string[] {
  return packages.filter((p) => licenceFlag(p.licence) && !NOTES[p.name]).map((p) => `${p.name}@${p.version} (${p.licence})`);
}

function isEntryPoint(): boolean {
  return !!process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
}

if (isEntryPoint()) {
  const text = renderLicences(productionPackages());
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(LICENCES_DOC) ? fs.readFileSync(LICENCES_DOC, 'utf8') : '';
    if (current !== text) {
      console.error('docs/licences.md is out of date: run `npm run licences`');
      process.exitCode = 1;
    }
  } else {
    fs.writeFileSync(LICENCES_DOC, text);
    console.log(`docs/licences.md: ${text.split('\n').length} lines`);
  }
}
