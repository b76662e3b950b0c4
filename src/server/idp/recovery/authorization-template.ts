/** 授权委托书 template as RTF (opens in WPS and Word; Chinese as \u escapes, no fonts shipped). */
const LINES = [
  '授权委托书',
  '',
  '工业和信息化部政务服务门户统一登录系统：',
  '',
  '本单位（企业名称：______________________，统一社会信用代码：______________________）',
  '法定代表人______________（身份证号码：______________________）',
  '现委托______________（身份证号码：______________________，手机号码：______________）',
  '作为本单位代理人，代为办理统一登录系统账号绑定手机号修改（人工核验）事宜。',
  '代理人在办理上述事项过程中所签署的有关文件，本单位均予以承认。',
  '',
  '委托期限：自______年____月____日至______年____月____日。',
  '',
  '法定代表人（签字）：______________',
  '单位（盖章）：',
  '',
  '______年____月____日',
];

function rtfEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '{' || ch === '}') out += `\\${ch}`;
    else if (code < 128) out += ch;
    else out += `\\u${code > 32767 ? code - 65536 : code}?`;
  }
  return out;
}

export function authorizationTemplateRtf(): string {
  const body = LINES.map((line, i) => (i === 0 ? `\\qc\\b\\fs36 ${rtfEscape(line)}\\b0\\fs24\\par\\ql` : `${rtfEscape(line)}\\par`)).join('\n');
  return `{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\\f0\\fs24\n${body}\n}`;
}
