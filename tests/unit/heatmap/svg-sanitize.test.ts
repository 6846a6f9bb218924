import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it } from 'vitest';
import { sanitizeSvg } from '../../../electron/core/site/svgSanitize';
import { startConsole } from '../../support/siteConsoles';
import { copyDemoSite } from '../../support/siteCopy';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const BENIGN = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="800" height="400" viewBox="0 0 800 400">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#eee"/><stop offset="1" stop-color="#ccc"/></linearGradient>
  <path id="door" d="M0 0 L10 0 L10 20 Z"/></defs>
  <style>.wall { stroke: #333; stroke-width: 2; fill: url(#g); }</style>
  <rect class="wall" x="10" y="10" width="780" height="380"/>
  <g transform="translate(100 50) rotate(15)"><polygon points="0,0 100,0 100,60 0,60" fill="url(#g)"/><circle cx="50" cy="30" r="12"/></g>
  <use href="#door" x="300" y="10"/>
  <use xlink:href="#door" x="400" y="10"/>
  <text x="20" y="390" font-size="14">Level 1 — Gate &amp; yard</text>
  <image x="700" y="20" width="2" height="2" href="data:image/png;base64,iVBORw0KGgo="/>
</svg>`;

/** Elements and their geometric attributes, in document order. */
function geometry(svg: string): string[] {
  const doc = new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
  const attrs = ['width', 'height', 'viewBox', 'x', 'y', 'd', 'points', 'cx', 'cy', 'r', 'transform', 'href', 'xlink:href', 'fill', 'class'];
  return [...doc.querySelectorAll('*')].map((el) => `${el.localName}${attrs.map((a) => (el.getAttribute(a) !== null ? ` ${a}=${el.getAttribute(a)}` : '')).join('')}|${el.children.length === 0 ? (el.textContent ?? '') : ''}`);
}

const wrap = (inner: string, attrs = '') => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100"${attrs}>${inner}<rect x="1" y="2" width="3" height="4"/></svg>`;

describe('SVG plans are sanitised on import', () => {
  it('keeps a benign plan unchanged in geometry, text and internal references, as well-formed XML', () => {
    const clean = sanitizeSvg(BENIGN);
    expect(geometry(clean)).toEqual(geometry(BENIGN));
    expect(clean).toContain('fill: url(#g)');
    expect(new JSDOM(clean, { contentType: 'image/svg+xml' }).window.document.querySelector('parsererror')).toBeNull();
  });

  it.each([
    ['onload on the root', wrap('', ' onload="alert(1)"'), /onload|alert/i],
    ['an onclick handler', wrap('<circle cx="5" cy="5" r="5" onclick="alert(1)"/>'), /onclick|alert/i],
    ['a script element', wrap('<script>alert(1)</script>'), /script|alert/i],
    ['a script with xlink:href', wrap('<script xlink:href="https://evil.example/x.js"/>'), /script|evil/i],
    ['a foreignObject', wrap('<foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"/></foreignObject>'), /foreignObject|iframe|evil/i],
    ['a javascript: link', wrap('<a href="javascript:alert(1)"><text x="1" y="1">x</text></a>'), /javascript/i],
    ['a javascript: xlink:href', wrap('<a xlink:href="javascript:alert(1)"><text x="1" y="1">x</text></a>'), /javascript/i],
    ['an external image', wrap('<image href="https://evil.example/track.png" width="1" height="1"/>'), /evil/i],
    ['an external use', wrap('<use href="other.svg#x"/><use xlink:href="https://evil.example/a.svg#b"/>'), /other\.svg|evil/i],
    ['an SVG data URI', wrap('<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" width="1" height="1"/>'), /svg\+xml/i],
    ['@import and url() in a style', wrap('<style>@import url(https://evil.example/a.css); rect { fill: url(https://evil.example/p.png) }</style>'), /evil|@import/i],
    ['url() in a style attribute', wrap('<circle cx="5" cy="5" r="5" style="fill: url(http://evil.example/a.png)"/>'), /evil/i],
    ['an animate that sets href', wrap('<a><animate attributeName="href" to="javascript:alert(1)"/><text x="1" y="1">x</text></a>'), /animate|javascript/i],
  ])('removes %s', (_name, svg, bad) => {
    const clean = sanitizeSvg(svg);
    expect(clean).not.toMatch(bad);
    // The plan itself is still there.
    expect(clean).toMatch(/<rect x="1" y="2" width="3" height="4"/);
  });

  it('stores the clean copy when a plan is imported through the core', async () => {
    const file = copyDemoSite((s) => (s.demo = false));
    const core = await startConsole(file);
    cleanups.push(() => core.close());
    const evil = BENIGN.replace('<svg ', '<svg onload="fetch(\'https://evil.example\')" ').replace('</svg>', '<script>alert(1)</script><foreignObject><div/></foreignObject></svg>');
    const { site } = await core.handlers.editSitePlan({ op: 'import-plan', floor: 'f3', name: { en: 'Roof', 'zh-CN': '屋顶' }, level: 3, fileName: 'roof.svg', dataBase64: Buffer.from(evil).toString('base64') });
    const plan = site.floors.find((f) => f.id === 'f3')?.plan;
    expect(plan).toMatchObject({ widthPx: 800, heightPx: 400 });
    const stored = readFileSync(join(dirname(file), plan?.image ?? 'x'), 'utf8');
    expect(stored).not.toMatch(/onload|script|foreignObject|evil/i);
    expect(geometry(stored)).toEqual(geometry(BENIGN));
  });
});
