// Checks that a console page is plain HTML a screen reader can follow:
// the landmarks header, nav and main; exactly one h1; headings that never
// skip a level going down; every form control has a label (a <label for>,
// a wrapping <label>, aria-label or aria-labelledby); the page says its
// language; and every visible text meets WCAG 2.1 AA contrast against the
// background it is drawn on (4.5:1, or 3:1 for large text: 24 px, or
// 18.66 px bold). Runs in the page; returns the problems found (empty if
// none).
'use strict';

async function problems(page) {
  return page.evaluate(() => {
    const found = [];
    for (const tag of ['header', 'nav', 'main']) {
      if (!document.querySelector(`${tag}, [role="${
              {header: 'banner', nav: 'navigation', main: 'main'}[tag]}"]`)) {
        found.push(`no <${tag}> landmark`);
      }
    }
    if (document.querySelectorAll('main').length > 1) found.push('more than one <main>');
    const h1 = document.querySelectorAll('h1').length;
    if (h1 !== 1) found.push(`${h1} h1 elements, want 1`);
    let last = 0;
    for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      const level = Number(h.tagName[1]);
      if (level > last + 1) found.push(`heading ${h.tagName} follows h${last}`);
      last = level;
    }
    const lang = document.documentElement.getAttribute('lang');
    if (!lang) found.push('<html> has no lang');
    const controls = document.querySelectorAll(
        'input:not([type="hidden"]):not([type="submit"]):not([type="button"]),' +
        ' select, textarea');
    for (const c of controls) {
      const byFor = c.id && document.querySelector(`label[for="${CSS.escape(c.id)}"]`);
      const wrapped = c.closest('label');
      const aria = c.getAttribute('aria-label') || c.getAttribute('aria-labelledby');
      if (!byFor && !wrapped && !aria) {
        found.push(`control ${c.name || c.id || c.tagName} has no label`);
      }
    }
    for (const b of document.querySelectorAll('button, input[type="submit"]')) {
      const text = (b.textContent || b.value || b.getAttribute('aria-label') || '').trim();
      if (!text) found.push('a button has no text');
    }
    // WCAG 2.1 relative luminance and contrast ratio.
    const rgba = (css) => {
      const m = css.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
    };
    const luminance = (c) => {
      const lin = (v) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
      };
      return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
    };
    // The opaque colour behind `el`: its own background, or its ancestors'
    // (semi-transparent layers blended over what is below), white at the end.
    const backdrop = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) {
          layers.push(c);
          if (c.a >= 1) break;
        }
      }
      let out = {r: 255, g: 255, b: 255};
      for (const c of layers.reverse()) {
        out = {r: c.r * c.a + out.r * (1 - c.a), g: c.g * c.a + out.g * (1 - c.a),
               b: c.b * c.a + out.b * (1 - c.a)};
      }
      return out;
    };
    const seen = new Set();
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some(
          (n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!own || el.closest('svg')) continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || style.display === 'none' ||
          box.width === 0 || box.height === 0) continue;
      const fg = rgba(style.color);
      if (!fg) continue;
      const bg = backdrop(el);
      const text = {r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a),
                    b: fg.b * fg.a + bg.b * (1 - fg.a)};
      const [hi, lo] = [luminance(text), luminance(bg)].sort((x, y) => y - x);
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      const key = `${el.tagName}.${el.className}`;
      if (ratio < need && !seen.has(key)) {
        seen.add(key);
        found.push(`contrast ${ratio.toFixed(2)}:1 < ${need}:1 for <${
            el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''}>`);
      }
    }
    return found;
  });
}

module.exports = {problems};
