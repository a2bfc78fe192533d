// Renders images/icon.png (256x256) from the SVG below with Debian's chromium. Run once when the
// icon changes: node scripts/make-icon.mjs (the PNG is committed; packaging does not need this).
import { join } from 'node:path';
import { ROOT, launchBrowser } from './lib/code-server.mjs';

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#0d9dda"/><stop offset="1" stop-color="#0b3b66"/>
    </linearGradient>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="44" fill="url(#bg)"/>
  <!-- cloud -->
  <path d="M70 118c-17 0-30-13-30-29s13-29 30-29c4 0 8 1 11 2 7-13 21-22 37-22 19 0 35 13 40 31 2-1 5-1 7-1 16 0 29 13 29 29s-13 29-29 29z"
        fill="#ffffff" opacity="0.95" transform="translate(0,6)"/>
  <!-- shield with check: validation -->
  <path d="M128 120l52 18v34c0 30-22 52-52 62-30-10-52-32-52-62v-34z" fill="#0b3b66" stroke="#ffffff" stroke-width="8" stroke-linejoin="round"/>
  <path d="M104 176l17 17 32-36" fill="none" stroke="#7ee08a" stroke-width="13" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 256, height: 256 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.screenshot({ path: join(ROOT, 'images/icon.png'), omitBackground: true, clip: { x: 0, y: 0, width: 256, height: 256 } });
} finally {
  await browser.close();
}
console.log('wrote images/icon.png');
