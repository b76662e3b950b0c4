import crypto from 'node:crypto';

/** Small server-rendered pages (OIDC consent, logout, protocol errors) in our Chinese UI. */

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f3f6fb;color:#1f2937}
header{background:#1f5faa;color:#fff;padding:14px 24px;font-size:18px;font-weight:600}
main{max-width:560px;margin:40px auto;padding:0 16px}
.card{background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.08);padding:28px}
h1{font-size:20px;margin:0 0 16px}
p,li{line-height:1.7}
.actions{display:flex;gap:12px;margin-top:24px;flex-wrap:wrap}
button,.button{font-size:15px;padding:8px 22px;border-radius:6px;border:1px solid #1f5faa;background:#1f5faa;color:#fff;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#1f5faa}
button:focus-visible,.button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.muted{color:#6b7280;font-size:14px}
footer{text-align:center;color:#6b7280;font-size:13px;margin:32px 0}`;

/** A whole page with its own CSP: the nonce covers the one style element. */
export function renderPage(title: string, body: string, options: { nonce?: string; scripts?: string[] } = {}) {
  const nonce = options.nonce ?? crypto.randomBytes(16).toString('base64');
  const scripts = (options.scripts ?? []).map((src) => `<script src="${escapeHtml(src)}" defer></script>`).join('');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="renderer" content="webkit">
<title>${escapeHtml(title)} - 工业和信息化部统一登录系统</title><style nonce="${nonce}">${STYLE}</style>${scripts}</head>
<body><header>工业和信息化部统一登录系统</header><main><div class="card">${body}</div></main>
<footer>账号系统支持单位：12381-转9（其他业务）转6（公共服务）-人工服务</footer></body></html>`;
  const csp = `default-src 'self'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; object-src 'none'`;
  return { html, csp };
}

