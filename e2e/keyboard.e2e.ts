import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { captchaAnswer, devLatestCode, newUser, openPage, pickEnterprise, realProblems, useBrowser } from './helpers/browser.js';

/**
 * Keyboard only (issue 19, accessibility): 注册 → 实名认证 → 【去登记】, with Tab / Shift+Tab to
 * move, typing, Space for check boxes, arrow keys in radio groups and Enter for buttons. The
 * test finds where the focus is (as a keyboard user sees the focus ring) but never clicks or
 * fills. The captcha answer and the SMS code come from the development endpoints, as in the
 * other e2e tests.
 */
const env = useBrowser();

/** What the focused element is called: its label (aria-label, <label for>, aria-labelledby) or its text. */
function focusedName(page: Page): Promise<string> {
  // A string: the e2e files are type-checked without the DOM library.
  return page.evaluate<string>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    const byLabelledBy = el.getAttribute('aria-labelledby');
    if (byLabelledBy) return byLabelledBy.split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
    const aria = el.getAttribute('aria-label');
    if (aria) return aria.trim();
    if (el.labels && el.labels.length) return [...el.labels].map((l) => l.textContent ?? '').join(' ').trim();
    return (el.textContent ?? '').trim();
  })()`);
}

/** Tab (or Shift+Tab) until the focused control is called `name`; fails if it is not reachable. */
async function tabTo(page: Page, name: string | RegExp, options: { back?: boolean; max?: number } = {}): Promise<void> {
  const matches = (text: string) => (typeof name === 'string' ? text.replace(/\s+/g, '') === name.replace(/\s+/g, '') : name.test(text));
  const seen: string[] = [];
  for (let i = 0; i < (options.max ?? 60); i++) {
    const current = await focusedName(page);
    if (matches(current)) return;
    seen.push(current);
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`"${String(name)}" not reachable by ${options.back ? 'Shift+Tab' : 'Tab'}; the focus went through: ${seen.map((s) => JSON.stringify(s.slice(0, 30))).join(' → ')}`);
}

async function typeInto(page: Page, name: string, text: string) {
  await tabTo(page, name);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

/** From the top of the page: the first Tab goes to the first control. */
async function fromTop(page: Page) {
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await page.locator('body').focus();
}

describe('keyboard only', () => {
  it('注册 → 实名认证 (法人) → 融资服务专区 【去登记】', async () => {
    const { context, page } = await openPage(env.browser());
    try {
      const user = newUser('kbd');
      const enterprise = await pickEnterprise('valid');

      // ---- 注册
      await page.goto(`${env.baseUrl}/uc/register`);
      await page.getByRole('heading', { name: '注册' }).waitFor();
      await fromTop(page);
      await typeInto(page, '登录名', user.loginName);
      await typeInto(page, '手机号', user.mobile);
      const first = await captchaAnswer(page);
      await typeInto(page, '图形验证码', first.answer);
      await tabTo(page, '获取验证码');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: /^重新获取（\d+s）$/ }).waitFor();
      await captchaAnswer(page, first.id);
      const code = await devLatestCode(env.baseUrl, user.mobile);
      await typeInto(page, '短信验证码', code);
      await typeInto(page, '密码', user.password);
      await typeInto(page, '确认密码', user.password);
      await tabTo(page, /我已阅读并同意/);
      await page.keyboard.press('Space');
      expect(await page.getByLabel('我已阅读并同意《用户协议》和《隐私政策》').isChecked()).toBe(true);
      await tabTo(page, '注册');
      await page.keyboard.press('Enter');
      await page.getByText('注册成功', { exact: true }).waitFor();

      // ---- 【立即认证】 → 实名认证 as 法人
      await fromTop(page);
      await tabTo(page, '立即认证');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: '实名认证' }).first().waitFor();
      await fromTop(page);
      await tabTo(page, /^(自然人|法人)$/);
      // Arrow keys move within the radio group and select.
      for (let i = 0; i < 3 && !(await page.getByRole('radio', { name: '法人', exact: true }).isChecked()); i++) await page.keyboard.press('ArrowRight');
      expect(await page.getByRole('radio', { name: '法人', exact: true }).isChecked()).toBe(true);
      await typeInto(page, '企业名称', enterprise.name);
      await typeInto(page, '统一社会信用代码', enterprise.uscc);
      await typeInto(page, '法定代表人姓名', enterprise.legalRep);
      await typeInto(page, '证件号码', enterprise.legalRepIdNumber);
      await tabTo(page, '提交认证');
      await page.keyboard.press('Enter');
      await page.getByText('实名认证成功', { exact: true }).waitFor();

      // ---- 首页 → 【去登记】 (the platform login goes through the 统一登录 session)
      await page.goto(`${env.baseUrl}/`);
      await page.getByRole('button', { name: '去登记', exact: true }).waitFor();
      await fromTop(page);
      await tabTo(page, '去登记', { max: 120 });
      await page.keyboard.press('Enter');
      // The enterprise has a valid qualification but no 企业信息 yet: the gate says so, and its
      // 【确定】 (reached by keyboard) leads to the 企业信息 edit page.
      const dialog = page.getByRole('dialog');
      await dialog.waitFor({ timeout: 30_000 });
      await expect.poll(() => dialog.textContent()).toContain('请先完善企业基本信息');
      await tabTo(page, '确定');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/enterprise/);
      expect(realProblems(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
