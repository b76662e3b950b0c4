import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { captchaAnswer, devLatestCode, newUser, openPage, pickEnterprise, realProblems, useBrowser } from './helpers/browser.js';

/**
 * Keyboard only (issue 19, accessibility): 注册 → 实名认证 → 【去登记】 (the gate sends a new
 * enterprise to 企业信息 first) → 企业信息 → 【去登记】 → 提示事项 → the form → 【提交】, with Tab / Shift+Tab to
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

/** A searchable cascader: Tab to it, type, ArrowDown to the first match, Enter; the field then shows `shown`. */
async function chooseBySearch(page: Page, name: string, search: string, shown: string) {
  await tabTo(page, name);
  await page.keyboard.type(search);
  await page.locator('.ant-cascader-menu-item:visible').first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('.ant-cascader').filter({ has: page.getByLabel(name, { exact: true }) }).textContent()).toContain(shown);
}

/** A radio group: Tab into it, arrow keys until `choice` is checked. */
async function chooseRadio(page: Page, group: string, choice: string) {
  const radios = page.getByRole('radiogroup', { name: group }).getByRole('radio');
  const names = await radios.evaluateAll((els) => els.map((el) => (el as unknown as { labels: { textContent: string }[] | null }).labels?.[0]?.textContent ?? ''));
  // Tab until the focus is inside THIS group: the previous group's radios have the same names
  // (国家级/省级/市级/无), so matching the focused radio's name alone could stop one group early.
  // (Typed by hand: the e2e files are type-checked without the DOM library.)
  const groupHasFocus = () => page.getByRole('radiogroup', { name: group }).evaluate((el: { contains(node: unknown): boolean; ownerDocument: { activeElement: unknown } }) => el.contains(el.ownerDocument.activeElement));
  for (let i = 0; i < 60 && !(await groupHasFocus()); i++) await page.keyboard.press('Tab');
  expect(await groupHasFocus(), `${group} not reachable by Tab`).toBe(true);
  const target = page.getByRole('radiogroup', { name: group }).getByRole('radio', { name: choice, exact: true });
  for (let i = 0; i < names.length + 1 && !(await target.isChecked()); i++) {
    await page.keyboard.press('ArrowRight');
    // Each step settles (the focused radio checked) before the next: on a busy machine a second
    // press could otherwise land before React has committed the first and skip past the choice.
    await expect.poll(() => page.evaluate<boolean>('document.activeElement !== null && document.activeElement.checked === true')).toBe(true);
  }
  expect(await target.isChecked(), `${group}: ${choice}`).toBe(true);
}

/** From the top of the page: the first Tab goes to the first control. */
async function fromTop(page: Page) {
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await page.locator('body').focus();
}

describe('keyboard only', () => {
  it('注册 → 实名认证 (法人) → 【去登记】 → 企业信息 → 提示事项 → 提交', async () => {
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
      await page.getByRole('heading', { name: '编辑企业信息' }).waitFor();

      // ---- 企业信息 by keyboard: the two cascaders by typing to search, ArrowDown and Enter.
      await fromTop(page);
      await chooseBySearch(page, '注册地址', '洪山区', '洪山区');
      await typeInto(page, '详细地址', '光谷大道77号');
      await chooseBySearch(page, '所属行业', '电工机械专用设备', '电子和电工机械专用设备制造');
      await typeInto(page, '主营业务', '工业激光器的研发、生产和销售');
      await typeInto(page, '从业人员（上年末）', '86');
      await typeInto(page, '上年度营业收入', '3200');
      await typeInto(page, '上年度资产总额', '4100');
      await typeInto(page, '联系人', '王建国');
      await typeInto(page, '联系人手机', '13800000001');
      await typeInto(page, '联系人邮箱', 'kbd@example.com');
      await tabTo(page, '保存');
      await page.keyboard.press('Enter');
      await page.getByText('企业信息已保存').waitFor().catch(async (error: Error) => {
        throw new Error(`企业信息 not saved: ${(await page.locator('.ant-form-item-explain-error').allTextContents()).join('；')} (${error.message})`);
      });

      // ---- 首页 → 【去登记】 → 提示事项 → 【关闭】 after its ten seconds
      await page.goto(`${env.baseUrl}/`);
      await page.getByRole('button', { name: '去登记', exact: true }).waitFor();
      await fromTop(page);
      await tabTo(page, '去登记', { max: 120 });
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: '提示事项' }).waitFor();
      await page.getByRole('button', { name: '关闭', exact: true }).waitFor({ timeout: 15_000 });
      await expect.poll(() => page.getByRole('button', { name: '关闭', exact: true }).isEnabled(), { timeout: 15_000 }).toBe(true);
      await tabTo(page, '关闭');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/financing\/form$/);
      await page.getByRole('heading', { name: '①企业基本情况' }).waitFor();

      // ---- the form: ① what 企业信息 did not fill, ② figures and three radio groups by arrow keys.
      // The demo data may hold a version of this enterprise already: 【修改】 opens a draft from it.
      await page.locator('.registration-versions .query-state').waitFor({ state: 'detached' });
      await fromTop(page);
      if (await page.getByRole('button', { name: '修改', exact: true }).isVisible()) {
        await tabTo(page, '修改', { max: 120 });
        await page.keyboard.press('Enter');
        await expect.poll(() => page.getByRole('radiogroup', { name: '最高级别研发机构' }).getByRole('radio').first().isEnabled()).toBe(true);
        await fromTop(page);
      }
      const figures: [string, string][] = [
        ['从业人员（上年末）', '86'],
        ['从业人员（前年末）', '80'],
        ['上年度营业收入', '3200'],
        ['前年营业收入', '2800'],
        ['上年度资产总额', '4100'],
        ['上年度净利润', '120.5'],
        ['上年度纳税总额', '90'],
        ['上年度研发费用总额', '300'],
        ['研发人员数', '20'],
        ['有效发明专利数', '3'],
        ['其他有效知识产权数', '8'],
        ['上年度高新技术产品（服务）收入', '2000'],
        ['上年度技术合同成交额', '0'],
        ['主导或参与制定的标准数', '0'],
        ['近三年股权融资总额', '0'],
      ];
      for (const [name, value] of figures) await typeInto(page, name, value);
      await chooseRadio(page, '最高级别研发机构', '省级');
      await chooseRadio(page, '近三年最高科技奖励', '无');
      await chooseRadio(page, '企业承担科技计划项目', '市级');
      await tabTo(page, '提交', { max: 200 });
      await page.keyboard.press('Enter');
      await page.getByText('提交成功', { exact: true }).waitFor().catch(async (error: Error) => {
        throw new Error(`not submitted: ${(await page.locator('.ant-form-item-explain-error').allTextContents()).join('；')} (${error.message})`);
      });
      await page.getByText('已提交', { exact: true }).first().waitFor();
      expect(realProblems(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
