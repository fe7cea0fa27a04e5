/**
 * Tabs of a headless shell that never draw a frame on their own. Launched with
 * `beginFrameControlFlag`, a tab created with `enableBeginFrameControl` draws frames only when
 * asked (`HeadlessExperimental.beginFrame`, which we never send). Otherwise every layout of the
 * pagination, and the screen layout restored after each print, is painted, composited and
 * rastered for nobody: about a tenth of the renderer's CPU per PDF. Printing does its own layout
 * and paint, so the PDF is the same, byte for byte; `load`, the fonts and `page.evaluate` need no
 * frame. Used by the PDF renderer and by the preview's page layout (`baocao xem`).
 */
import type { Browser, CDPSession, Page, Target } from 'puppeteer-core';

export const beginFrameControlFlag = '--enable-begin-frame-control';

/** The id puppeteer keeps for a target (no public accessor; its own `Browser.newPage` matches on it too). */
function targetIdOf(target: Target): string {
  return (target as unknown as { _targetId: string })._targetId;
}

/**
 * A new frameless tab, made through the browser's own protocol session (`browser.target().createCDPSession()`);
 * waits at most `timeoutMs` for puppeteer to see it.
 */
export async function newFramelessPage(browser: Browser, session: CDPSession, timeoutMs: number): Promise<Page> {
  const { targetId } = await session.send('Target.createTarget', { url: 'about:blank', enableBeginFrameControl: true });
  const target = await browser.waitForTarget((t) => targetIdOf(t) === targetId, { timeout: timeoutMs });
  const page = await target.page();
  if (!page) throw new Error(`no page for target ${targetId}`);
  return page;
}
