/**
 * The pages' CSP allows `<style>` elements only with the response's nonce. antd's own style
 * engine gets it from ConfigProvider, but rc-util's `updateCSS` does not: every antd Table
 * (scrollbar measurement) and every Modal (scroll lock) inserts a `<style>` without it, which
 * the browser refuses with a console error (and the page behind a dialog keeps scrolling).
 *
 * Style elements created by our (already trusted) scripts get the nonce here; markup injected
 * into the page is still refused. Candidate for src/web/components/mountApp.tsx (every app
 * with a Table or a Modal, IdleWarning included, has the same errors).
 */
export function giveScriptCreatedStylesTheNonce(): void {
  const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  if (!nonce || nonce === '__CSP_NONCE__') return;
  const createElement = document.createElement.bind(document) as (tagName: string, options?: ElementCreationOptions) => HTMLElement;
  document.createElement = function (tagName: string, options?: ElementCreationOptions) {
    const element = createElement(tagName, options);
    if (element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  } as typeof document.createElement;
}
