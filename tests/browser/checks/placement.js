// The placement flow across two browser contexts: ROSA finds a place and
// refers a person there with a hold; ks-oslo receives and accepts it; ROSA's
// board and referral queue, open in two tabs, change without a reload
// (server-sent events from /board/events; console.js refetches the parts).
'use strict';
const {assert, screenshot} = require('../lib/harness');
const consolePages = require('../lib/console');

// Marks the page so that a reload (which drops window state) shows.
async function markNoReload(page) {
  await page.evaluate(() => { window.rosaNoReload = true; });
}
async function assertNoReload(page, what) {
  const kept = await page.evaluate(() => window.rosaNoReload === true);
  assert(kept, `${what} was reloaded`);
}

function checks(ctx, {visit, waitInPage}) {
  const f = ctx.fixture;
  const {rosa, oslo} = ctx;
  return [
    {name: 'flow: ROSA finds a place and refers a person there with a hold', required: true, fn: async () => {
      const page = rosa.page;
      await visit(ctx, rosa, '/find', 'find');
      await page.select('#gender', 'woman');
      await consolePages.submit(page, '#find-form');
      await screenshot(f, page, 'rosa-find-results');
      const offer = await page.$('#find-results tr[data-facility="ks-oslo"] a.refer');
      assert(offer, 'no place offered at ks-oslo');
      await Promise.all([page.waitForNavigation(), offer.click()]);
      await screenshot(f, page, 'rosa-refer-form');
      const to = await page.$eval('#refer-to', (e) => e.textContent);
      assert(to === 'ks-oslo', `the referral form addresses ${to}`);
      await consolePages.fill(page, '#hold_unit', 'Akutt');
      await consolePages.fill(page, '#person_ref', `P-BROWSER${Date.now() % 100000}`);
      await consolePages.fill(page, '#age', '29');
      await consolePages.fill(page, '#nationality', 'RO');
      await consolePages.submit(page, '#refer-form');
      const refused = await page.$('#refer-error');
      assert(!refused, `the referral was refused: ${refused &&
             await refused.evaluate((e) => e.textContent)}`);
      await screenshot(f, page, 'rosa-referral-sent');
      const match = page.url().match(/\/referrals\/([^/?#]+)/);
      assert(match, `after the referral the page is ${page.url()}`);
      ctx.referralId = decodeURIComponent(match[1]);
      const timeline = await page.$eval('#timeline', (e) => e.textContent);
      assert(timeline.length > 0, 'the new referral has no timeline');
    }},
    {name: 'flow: ks-oslo accepts; ROSA\'s board and queue change without a reload', fn: async () => {
      const id = ctx.referralId;
      // ROSA keeps the board in its tab and the queue in a second tab.
      await visit(ctx, rosa, '/board', 'board-with-hold');
      const queue = {page: await rosa.context.newPage(), label: 'rosa'};
      await visit(ctx, queue, '/referrals', 'referrals');
      for (const p of [rosa.page, queue.page]) {
        await p.waitForSelector('html[data-live-connected="1"]');
        await markNoReload(p);
      }
      const row = `#referrals-table tr[data-referral="${id}"]`;
      const before = await queue.page.$eval(row, (e) => e.getAttribute('data-state'));
      assert(before === 'requested', `the queue shows ${before}, want requested`);

      await visit(ctx, oslo, `/referrals/${id}`, 'referral-received-view');
      for (const step of ['received', 'accepted']) {
        await consolePages.submit(oslo.page, `#action-${step}`);
        assert(!(await oslo.page.$('#action-error')), `ks-oslo could not mark it ${step}`);
      }
      await screenshot(f, oslo.page, 'oslo-referral-accepted');

      await waitInPage(queue, row,
          (sel) => document.querySelector(sel) &&
                   document.querySelector(sel).getAttribute('data-state') === 'accepted',
          'the queue showing "accepted"');
      await waitInPage(rosa, '#board-live',
          (sel) => document.querySelector(sel).hasAttribute('data-updated'),
          'the board refreshing');
      await assertNoReload(queue.page, 'the queue');
      await assertNoReload(rosa.page, 'the board');
      await screenshot(f, queue.page, 'rosa-referrals-live');
      await screenshot(f, rosa.page, 'rosa-board-live');
      await queue.page.close();
    }},
  ];
}

module.exports = {checks};
