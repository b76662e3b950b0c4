export const LEGACY_BANNER_TEXT =
  '您正在使用的浏览器版本过低或处于兼容模式，请切换至极速模式或使用新版浏览器访问';

/** Oldest Chromium major version the apps are built for (vite.config.ts build.target). */
const MIN_CHROME_MAJOR = 80;

/**
 * True for engines the apps do not support: Internet Explorer / Trident (what 360 浏览器
 * 兼容模式 uses) and Chromium older than {@link MIN_CHROME_MAJOR}.
 */
export function isOutdatedEngine(userAgent: string): boolean {
  if (/Trident\/|MSIE /.test(userAgent)) return true;
  const chrome = /(?:Chrome|Chromium)\/(\d+)\./.exec(userAgent);
  return chrome !== null && Number(chrome[1]) < MIN_CHROME_MAJOR;
}

/**
 * Shown at the top of every page when the app did start but the engine is outdated.
 * Engines that cannot run the bundle at all see the static banner of index.html instead.
 */
export function LegacyBanner() {
  if (!isOutdatedEngine(navigator.userAgent)) return null;
  return (
    <div className="legacy-banner legacy-banner--app" role="alert">
      {LEGACY_BANNER_TEXT}
    </div>
  );
}
