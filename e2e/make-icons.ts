/**
 * Renders public/favicon.svg to the PNG icons the web app manifest lists (192 and 512 px;
 * installable PWAs need PNGs of these sizes), with headless Chromium. Run after changing the
 * logo: `node --import tsx e2e/make-icons.ts`; the PNGs are committed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './harness';

const PUBLIC = join(import.meta.dirname, '..', 'public');

async function main(): Promise<void> {
  const svg = readFileSync(join(PUBLIC, 'favicon.svg'), 'utf8');
  const browser = await launch();
  try {
    for (const size of [192, 512]) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      // A dark rounded square behind the logo, the same as the app's background.
      const pad = Math.round(size * 0.12);
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><div style="width:${size}px;height:${size}px;background:#0b1120;border-radius:${Math.round(size * 0.2)}px;display:flex;align-items:center;justify-content:center">` +
          `<img style="width:${size - 2 * pad}px;height:${size - 2 * pad}px" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></div></body></html>`,
      );
      await page.screenshot({ path: join(PUBLIC, `icon-${size}.png`), omitBackground: true });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

void main();
