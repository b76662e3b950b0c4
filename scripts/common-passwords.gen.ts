/**
 * Maintains the common-password list.
 *
 *   npx tsx scripts/common-passwords.gen.ts            # .txt → src/shared/validators/common-passwords.ts
 *   npx tsx scripts/common-passwords.gen.ts --patterns # rebuild the .txt from the patterns below, then sync
 *
 * `src/shared/data/common-passwords.txt` (one lower-case password a line) is the list shipped
 * with the project; edit it by hand or replace it with a larger list, then run the first
 * command. The `.ts` module embeds it so browser and server share it without file access;
 * `validators.test.ts` fails when the two differ.
 *
 * There is no internet access here, so the list was generated from well-known weak
 * password habits: classic top passwords, keyboard walks, repeated and sequential digits,
 * Chinese favourites (woaini1314, 5201314, pinyin surnames) and common words and vendor
 * defaults followed by digits, years and symbols (Admin@123, P@ssw0rd, Abc@1234,
 * Qwer1234!, Aa123456!). Comparison is case-insensitive, so capitalised variants need no
 * entries of their own. The demo password Demo@2025 is deliberately absent.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TXT = fileURLToPath(new URL('../src/shared/data/common-passwords.txt', import.meta.url));
const TS = fileURLToPath(new URL('../src/shared/validators/common-passwords.ts', import.meta.url));

/** Never list these (lower-case): the documented demo password must stay usable. */
const EXCLUDED = new Set(['demo@2025']);

const CLASSICS = [
  '123456', '123456789', '12345678', '12345', '1234567', '1234567890', '1234', '123',
  '111111', '11111111', '000000', '00000000', '666666', '66666666', '888888', '88888888',
  '999999', '555555', '777777', '7777777', '121212', '123123', '123321', '112233', '654321',
  '87654321', '987654321', '147258', '147258369', '159357', '159753', '741852963', '789456',
  '123654', '123abc', 'abc123', 'abc123456', 'abcd1234', 'a123456', 'a12345678', 'aa123456',
  'aa12345678', '123456a', '123456aa', 'qq123456', 'a1b2c3', 'a1b2c3d4', 'password',
  'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pa$$word',
  'pa$$w0rd', 'qwerty', 'qwerty123', 'qwertyuiop', 'qwe123', 'qweasd', 'qweasdzxc',
  'asdfgh', 'asdfghjkl', 'zxcvbn', 'zxcvbnm', 'iloveyou', 'iloveyou1314', 'woaini',
  'woaini1314', 'woaini520', '5201314', '1314520', '520520', '521521', 'woshishui',
  'dragon', 'monkey', 'letmein', 'shadow', 'master', 'michael', 'superman', 'batman',
  'trustno1', 'football', 'baseball', 'soccer', 'hockey', 'jordan', 'jennifer', 'hunter',
  'buster', 'harley', 'tigger', 'sunshine', 'princess', 'charlie', 'starwars', 'computer',
  'freedom', 'whatever', 'welcome', 'login', 'admin', 'administrator', 'root', 'toor',
  'guest', 'test', 'test123', 'user', 'changeme', 'secret', 'default', 'qazwsx',
  '1qaz2wsx', '1qaz2wsx3edc', 'zaq12wsx', 'zaq1xsw2', '1q2w3e', '1q2w3e4r', '1q2w3e4r5t',
  'q1w2e3r4', 'q1w2e3r4t5', '1qaz@wsx', '1qaz!qaz', '!qaz2wsx', '!qaz@wsx', '1qaz@wsx#edc',
  '!qaz@wsx#edc', 'zaq!2wsx', 'qaz!2wsx', '1q2w3e4r!', '1q2w3e4r5t!', 'q1w2e3r4!',
  '!q2w3e4r', '!@#$%^', '!@#$%^&*', '!@#$%^&*()', 'qwe!@#', '!@#qwe', 'qwe!@#123',
  '!@#qwe123', 'qwer!@#$', '1234!@#$', '!@#$1234', '!@#$qwer', 'asdf!@#$', 'zxcv!@#$',
  'asd!@#', 'zxc!@#', '1qaz!@#$', 'a!@#$%^&', 'aaaaaa', 'abcdef', 'abcdefg', 'abcdefgh',
  'huawei12#$', 'huawei@123', 'admin@huawei', 'admin123!@#', 'root123!@#', 'p@$$w0rd',
  'p@55w0rd', 'passw0rd!', 'p@ssw0rd!', 'p@ssw0rd1', 'p@ssw0rd123', 'p@ssw0rd@123',
];

/** Words people build passwords from (lower-case; "demo" intentionally left out). */
const WORDS = [
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pass', 'admin', 'adm1n', 'root', 'test',
  'guest', 'user', 'welcome', 'qwerty', 'qwer', 'qwe', 'asdf', 'asd', 'zxcv', 'zxc', 'abc',
  'abcd', 'aa', 'a', 'love', 'iloveyou', 'woaini', 'china', 'beijing', 'shanghai', 'huawei',
  'system', 'manager', 'super', 'master', 'hello', 'changeme', 'qwerasdf', '1qaz2wsx',
  '1q2w3e4r',
];

const YEARS = ['2020', '2021', '2022', '2023', '2024', '2025', '2026'];

const SUFFIXES = [
  '', '1', '12', '123', '1234', '12345', '123456', '888', '666', '520', '1314', '!', '@', '#',
  '.', '1!', '123!', '123@', '123#', '123.', '1234!', '1234@', '123456!', '@1', '@123',
  '#123', '!123', '.123', '_123', '@1234', '#1234', '!1234', '@123456', '!@#', '123!@#',
  '!@#123', '@666', '@888', '@520', '@1314',
  ...YEARS.flatMap((y) => [y, `@${y}`, `!${y}`, `${y}!`]),
];

/** Pinyin surnames and given-name syllables with the digit habits of Chinese users. */
const PINYIN = [
  'zhang', 'wang', 'li', 'liu', 'chen', 'yang', 'zhao', 'huang', 'zhou', 'wu', 'xu', 'sun',
  'ma', 'zhu', 'hu', 'guo', 'he', 'lin', 'luo', 'gao', 'wei', 'lei', 'jun', 'hui', 'yan',
];
const PINYIN_SUFFIXES = ['123', '123456', '888', '520', '1314', '@123', '123!', '@123456'];

export function generateFromPatterns(): string[] {
  const out = new Set<string>();
  const add = (p: string) => {
    const lower = p.toLowerCase();
    if (!EXCLUDED.has(lower)) out.add(lower);
  };
  CLASSICS.forEach(add);
  for (const w of WORDS) for (const s of SUFFIXES) add(w + s);
  for (const w of PINYIN) for (const s of PINYIN_SUFFIXES) add(w + s);
  for (const d of '0123456789') for (let n = 6; n <= 10; n++) add(d.repeat(n));
  return [...out].sort();
}

export function readList(): string[] {
  return readFileSync(TXT, 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l !== '');
}

function renderModule(list: string[]): string {
  const lines: string[] = [];
  let line = '';
  for (const p of list) {
    const item = `${JSON.stringify(p)},`;
    if (line.length + item.length + 1 > 96) {
      lines.push(`  ${line}`);
      line = '';
    }
    line += (line === '' ? '' : ' ') + item;
  }
  if (line !== '') lines.push(`  ${line}`);
  return `// Generated from src/shared/data/common-passwords.txt by
// \`npx tsx scripts/common-passwords.gen.ts\` — do not edit by hand.

/** Common weak passwords, lower-case; compare with \`password.toLowerCase()\`. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
${lines.join('\n')}
]);
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--patterns')) {
    writeFileSync(TXT, `${generateFromPatterns().join('\n')}\n`);
  }
  const list = [...new Set(readList())].filter((p) => !EXCLUDED.has(p));
  writeFileSync(TS, renderModule(list));
  console.log(`${list.length} passwords → ${TS}`);
}
