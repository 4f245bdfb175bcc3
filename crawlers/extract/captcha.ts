/**
 * Whether the page is a captcha, bot check or interstitial standing in front of the store.
 *
 * Such pages say so in their title or carry a captcha widget, and they have little text: a store page
 * runs to thousands of characters of products and footer. So a signal counts only on a short page,
 * and words that stores use too (验证 in "营业执照验证", 验证码 in a login box) never count alone on a
 * long one.
 */

const TITLE =
  /验证码|滑动验证|人机验证|安全验证|访问验证|安全检查|请稍候|请稍后|访问受限|拒绝访问|captcha|verify you are human|are you a robot|are you human|just a moment|attention required|access denied|checking your browser|security check|bot check|ddos protection/i;
const TEXT =
  /验证码|滑动验证|人机验证|安全验证|拖动滑块|按住滑块|向右滑动|请完成验证|访问过于频繁|异常访问|verify you are human|are you a robot|are you human|captcha|checking your browser|unusual traffic|slide to verify|enable javascript and cookies to continue/i;

/** Below this many characters of visible text a page is an interstitial, not a store. */
export const INTERSTITIAL_TEXT = 1000;
/** A title that names a check is believed up to this length: some check pages explain at length. */
const TITLED_CHECK_TEXT = 2000;

export function looksLikeCaptcha(signals: {
  title: string;
  visibleText: string;
  textLength: number;
  widgets: number;
}): boolean {
  const { title, visibleText, textLength, widgets } = signals;
  if (TITLE.test(title) && textLength < TITLED_CHECK_TEXT) return true;
  if (textLength >= INTERSTITIAL_TEXT) return false;
  return widgets > 0 || TEXT.test(visibleText);
}
