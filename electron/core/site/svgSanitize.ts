import type createDOMPurifyType from 'dompurify';
import type * as JsdomModule from 'jsdom';
import { createRequire } from 'node:module';

type CreateDOMPurify = typeof createDOMPurifyType;
// jsdom is loaded on the first SVG import, not at start-up: it is about half a
// second of module loading a console starting up should not wait for.
const load = createRequire(import.meta.url);

/** An image reference kept in a plan: a fragment of the plan itself, or an embedded raster image. */
const SAFE_REF = /^\s*(#|data:image\/(png|jpe?g|gif|webp);)/i;
/** `url(…)` that is not a reference to a fragment of the same file (`url(#grad)`). */
const EXTERNAL_URL = /url\(\s*(?!['"]?#)[^)]*\)/gi;
const IMPORT = /@import\b[^;]*;?/gi;

let purifier: ReturnType<CreateDOMPurify> | undefined;
let serializer: { serializeToString(node: Node): string } | undefined;

function setUp(): { purify: ReturnType<CreateDOMPurify>; xml: { serializeToString(node: Node): string } } {
  if (!purifier || !serializer) {
    // DOMPurify needs a DOM; jsdom gives it one under plain Node (the core never runs in a page).
    const { JSDOM } = load('jsdom') as typeof JsdomModule;
    const createDOMPurify = load('dompurify') as CreateDOMPurify;
    const { window } = new JSDOM('');
    const purify = createDOMPurify(window);
    // DOMPurify's lists are lower case, and an XML parse keeps SVG's camelCase
    // (linearGradient, viewBox): allow a name whose lower case is allowed.
    // (Forbidden names are still checked after this, as they are given.)
    purify.addHook('uponSanitizeElement', (_node, data) => {
      const lower = data.tagName.toLowerCase();
      if (lower !== data.tagName && data.allowedTags[lower] === true) data.allowedTags[data.tagName] = true;
    });
    purify.addHook('uponSanitizeAttribute', (_node, data) => {
      const name = data.attrName.toLowerCase();
      if (name !== data.attrName && data.allowedAttributes[name] === true) data.allowedAttributes[data.attrName] = true;
      if (name.startsWith('on')) data.keepAttr = false;
      else if (name === 'href' || name === 'xlink:href' || name === 'src') {
        if (!SAFE_REF.test(data.attrValue)) data.keepAttr = false;
      } else if (EXTERNAL_URL.test(data.attrValue) || /@import/i.test(data.attrValue)) {
        data.attrValue = data.attrValue.replace(IMPORT, '').replace(EXTERNAL_URL, 'none');
      }
      EXTERNAL_URL.lastIndex = 0;
    });
    purify.addHook('afterSanitizeElements', (node) => {
      // <style> text: no @import, no url() to anything outside the file.
      if (node.nodeName.toLowerCase() === 'style' && node.textContent) {
        node.textContent = node.textContent.replace(IMPORT, '').replace(EXTERNAL_URL, 'none');
      }
    });
    purifier = purify;
    serializer = new window.XMLSerializer();
  }
  return { purify: purifier, xml: serializer };
}

export class SvgRefusedError extends Error {}

/**
 * A plan SVG as it may be stored and served: DOMPurify's SVG profile (no
 * scripts, no event handler attributes, no foreignObject), plus this plan's
 * own rules — href/xlink:href only to `#fragments` or embedded raster
 * `data:image/…` (so no `<use>` or `<image>` of another file, no
 * `javascript:`), and no `@import` or `url(…)` outside the file in styles.
 * Geometry, text and internal references are kept as they were. Returns the
 * SVG as XML text; throws SvgRefusedError when nothing of an <svg> is left.
 */
export function sanitizeSvg(text: string): string {
  const { purify, xml } = setUp();
  // Parsed as XML, as a browser parses an .svg file: an HTML parse would read
  // some markup differently from the browser (a mutation-XSS gap). The XML
  // declaration and any DOCTYPE go first (they cannot stand inside the wrapper).
  const body = text.replace(/^\s*<\?xml[^>]*\?>/i, '').replace(/<!DOCTYPE[^>[]*(\[[^\]]*\])?[^>]*>/gi, '');
  const fragment = purify.sanitize(body, {
    PARSER_MEDIA_TYPE: 'application/xhtml+xml',
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ['foreignObject', 'script', 'iframe', 'embed', 'object', 'audio', 'video', 'animate', 'set', 'animateMotion', 'animateTransform'],
    ADD_TAGS: ['use'],
    RETURN_DOM_FRAGMENT: true,
  });
  const root = fragment.firstElementChild;
  if (!root || root.localName !== 'svg') throw new SvgRefusedError('no <svg> element is left after removing what a plan may not contain');
  return `${xml.serializeToString(root)}\n`;
}
