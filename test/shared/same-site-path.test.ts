import { describe, expect, it } from 'vitest';
import { sameSitePath } from '../../src/shared/same-site-path.js';

const ORIGIN = 'https://tidu.example.gov.cn';

describe('sameSitePath', () => {
  it('keeps paths of this site, normalised, with query and fragment', () => {
    expect(sameSitePath('/financing', ORIGIN)).toBe('/financing');
    expect(sameSitePath('/uc/center?tab=1#top', ORIGIN)).toBe('/uc/center?tab=1#top');
    expect(sameSitePath(`${ORIGIN}/portal`, ORIGIN)).toBe('/portal');
    expect(sameSitePath('/中文?q=中', ORIGIN)).toBe('/%E4%B8%AD%E6%96%87?q=%E4%B8%AD');
    // Percent-escapes stay escapes: a browser asks this site for /%2F%2Fevil.example.
    expect(sameSitePath('/%2F%2Fevil.example', ORIGIN)).toBe('/%2F%2Fevil.example');
  });

  const refused: [string, unknown][] = [
    ['tab after the slash', '/\t/evil.example/phish'],
    ['newline', '/\n/evil.example'],
    ['CR LF header splitting', '/x\r\nSet-Cookie: a=b'],
    ['NUL', '/\u0000/evil.example'],
    ['DEL', '/\u007f/evil.example'],
    ['C1 control', '/\u0085/evil.example'],
    ['protocol-relative', '//evil.example/phish'],
    ['backslash', '/\\evil.example'],
    ['backslashes only', '\\\\evil.example'],
    ['other origin', 'https://evil.example/phish'],
    ['other scheme of this host', 'http://tidu.example.gov.cn/x'],
    ['other port of this host', 'https://tidu.example.gov.cn:8443/x'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['dot segments to //host', '/..//evil.example'],
    ['dot segment to //host', '/.//evil.example'],
    ['encoded dot segments to //host', '/%2e%2e//evil.example'],
    ['own origin with //host path', `${ORIGIN}//evil.example/x`],
    ['empty', ''],
    ['not a string', 42],
    ['too long', `/${'a'.repeat(2000)}`],
  ];
  for (const [label, value] of refused) {
    it(`refuses ${label}`, () => {
      expect(sameSitePath(value, ORIGIN)).toBeNull();
    });
  }
});
