// Checks that a console page is plain HTML a screen reader can follow:
// the landmarks header, nav and main; exactly one h1; headings that never
// skip a level going down; every form control has a label (a <label for>,
// a wrapping <label>, aria-label or aria-labelledby); the page says its
// language. Runs in the page; returns the problems found (empty if none).
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
    return found;
  });
}

module.exports = {problems};
