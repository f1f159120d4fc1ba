// The pages beyond placement, as ROSA and as the Oslo crisis centre use
// them: the hotline (a call logged with the keyboard alone, in under 30 s,
// and today's calls), persons (register with consent, record a consent,
// identity only after choosing a purpose), lawyers (a handoff and its
// hours ledger), the annual report with its
// charts, the audit log's checkpoint and its verification (and a tampered
// checkpoint refused). Every page is checked for accessibility and saved as
// a screenshot.
'use strict';
const {assert, screenshot} = require('../lib/harness');
const consolePages = require('../lib/console');
const {visit} = require('./flows');

// Logs a call on /hotline with the keyboard only: the caller select has
// the focus when the page opens, arrows choose, Tab moves on, Enter on the
// save button saves.
// Returns the new call's id and the time it took.
async function logCallByKeyboard(ctx, session, {victim}) {
  const page = session.page;
  await page.bringToFront();  // autofocus needs the focused tab
  await visit(ctx, session, '/hotline', 'hotline');
  const started = Date.now();
  const focused = await page.evaluate(() => document.activeElement.id);
  assert(focused === 'caller', `the hotline page opens with focus on "${focused}"`);
  const k = page.keyboard;
  await k.press('ArrowDown');                    // caller: police (first)
  await k.press('Tab');
  const topicSteps = victim ? 3 : 2;             // possible victim / information
  for (let i = 0; i < topicSteps; i += 1) await k.press('ArrowDown');
  if (victim) {
    await k.press('Tab'); await k.type('2');     // persons
    await k.press('Tab'); await k.press('ArrowDown');  // gender: woman
    await k.press('Tab'); await k.type('RO');    // nationality
    await k.press('Tab'); await k.press('ArrowDown');  // sexual exploitation
    await k.press('Tab'); await k.press('ArrowDown');  // accepted help
    await k.press('Tab'); await k.press('Space');      // first time
  }
  // On to the save button with Tab (past the prefilled time), then Enter.
  for (let i = 0; i < 12; i += 1) {
    const at = await page.evaluate(() => document.activeElement.getAttribute('type'));
    if (at === 'submit') break;
    await k.press('Tab');
  }
  await Promise.all([page.waitForNavigation(), k.press('Enter')]);
  const took = Date.now() - started;
  await screenshot(ctx.fixture, page, `${session.label}-hotline-saved`);
  const saved = await page.$('#hotline-saved strong');
  const error = await page.$('#hotline-error');
  assert(saved, `the call was not saved${error ? ': ' +
         await error.evaluate((e) => e.textContent) : ''}`);
  const id = await saved.evaluate((e) => e.textContent.trim());
  assert(took < 30000, `logging a call took ${took} ms`);
  return {id, took};
}

function checks(ctx) {
  const f = ctx.fixture;
  const {rosa, oslo} = ctx;
  return [
    {name: 'hotline: ROSA logs a call about a possible victim by keyboard alone', fn: async () => {
      const {id} = await logCallByKeyboard(ctx, rosa, {victim: true});
      ctx.rosaCall = id;
      const row = await rosa.page.$eval(`#calls-table tr[data-inquiry="${id}"]`,
                                        (e) => e.innerText);
      assert(/Politi/.test(row) && /\b2\b/.test(row), `today's calls show: ${row}`);
    }},
    {name: 'hotline: ks-oslo (the evening hotline) logs a call and sees only its own', fn: async () => {
      const {id} = await logCallByKeyboard(ctx, oslo, {victim: false});
      const ids = await oslo.page.$$eval('#calls-table tr[data-inquiry]',
                                         (rows) => rows.map((r) => r.dataset.inquiry));
      assert(ids.includes(id), 'ks-oslo does not see its own call');
      assert(!ids.includes(ctx.rosaCall), 'ks-oslo sees ROSA\'s call');
      await visit(ctx, rosa, '/hotline', 'hotline-both');
      const all = await rosa.page.$$eval('#calls-table tr[data-inquiry]',
                                         (rows) => rows.map((r) => r.dataset.inquiry));
      assert(all.includes(id) && all.includes(ctx.rosaCall), 'ROSA does not see every call');
    }},
    {name: 'persons: register with consent; identity only after choosing a purpose', fn: async () => {
      const page = rosa.page;
      await visit(ctx, rosa, '/persons', 'persons');
      await consolePages.fill(page, '#given_name', 'Ioana');
      await consolePages.fill(page, '#family_name', 'Testescu');
      await consolePages.fill(page, '#birth_year', '1994');
      await page.select('#gender', 'woman');
      await consolePages.fill(page, '#nationality', 'RO');
      await page.click('#consent');
      await consolePages.submit(page, '#register-form');
      const id = await page.$eval('#person-id', (e) => e.textContent).catch(() => '');
      assert(/^P-/.test(id), `no person page after registering (${page.url()})`);
      await screenshot(f, page, 'rosa-person');
      let text = await page.$eval('main', (e) => e.innerText);
      assert(!text.includes('Testescu'), 'the person page shows the identity unasked');
      assert(!(await page.$('#identity')), 'the person page shows the identity unasked');

      await consolePages.fill(page, '#partner', 'advokat-lund');
      await page.select('#consent-purpose', '3');
      await consolePages.submit(page, '#consent-form');
      const consents = await page.$$('#consents-table tr[data-consent]');
      assert(consents.length === 2, `${consents.length} consents, want registration + legal`);

      await page.select('#read-purpose', '2');
      await consolePages.submit(page, '#read-form');
      await screenshot(f, page, 'rosa-person-identity');
      text = await page.$eval('#identity', (e) => e.innerText);
      assert(text.includes('Testescu'), 'the identity is not shown after choosing a purpose');
      ctx.personId = id;
    }},
    {name: 'persons: ks-oslo gets not-found for the person and no persons page', fn: async () => {
      assert(ctx.personId, 'no person registered');
      const res = await consolePages.open(f, oslo, `/persons/${ctx.personId}`);
      assert(res.status() === 404, `ks-oslo opening a person: ${res.status()}`);
      const list = await consolePages.open(f, oslo, '/persons');
      assert(list.status() === 404, `ks-oslo opening /persons: ${list.status()}`);
    }},
    {name: 'lawyers: ROSA sees the handoff and its hours ledger; ks-oslo does not', fn: async () => {
      const id = f.handoff;
      await visit(ctx, rosa, '/lawyers', 'lawyers');
      assert(await rosa.page.$(`#handoffs-table tr[data-handoff="${id}"]`), 'the handoff is not listed');
      await visit(ctx, rosa, `/lawyers/${id}`, 'lawyers-ledger');
      const hours = await rosa.page.$eval('#handoff-hours', (e) => e.textContent);
      assert(/^1\.00 \/ 3\.00$/.test(hours.trim()), `hours used / granted: ${hours}`);
      const events = await rosa.page.$$eval('#ledger-table tr[data-event]',
                                            (rows) => rows.map((r) => r.dataset.event));
      assert(events.includes('accepted') && events.includes('hours_used'),
             `the ledger shows ${events.join(', ')}`);
      const hidden = await consolePages.open(f, oslo, `/lawyers/${id}`);
      assert(hidden.status() === 404, `ks-oslo opening the handoff: ${hidden.status()}`);
    }},
    {name: 'report: the annual report of this year with its charts', fn: async () => {
      const year = new Date().getUTCFullYear();
      await visit(ctx, rosa, `/report?year=${year}`, 'report');
      await Promise.all([rosa.page.waitForNavigation(), rosa.page.click('#report-open')]);
      await screenshot(f, rosa.page, 'rosa-report-view');
      const charts = await rosa.page.$$eval('svg', (s) => s.length);
      assert(charts > 0, 'the report has no charts');
      const bad = await consolePages.open(f, rosa, '/report?year=1999');
      assert(bad.status() === 400, `year 1999 answered ${bad.status()}`);
      const partner = await consolePages.open(f, oslo, `/report/view?year=${year}`);
      assert(partner.status() === 404, `ks-oslo opening the report: ${partner.status()}`);
    }},
    {name: 'audit: the signed checkpoint verifies; a tampered one does not', fn: async () => {
      const page = rosa.page;
      await visit(ctx, rosa, '/audit', 'audit');
      const size = Number(await page.$eval('#checkpoint-size', (e) => e.textContent));
      assert(size > 0, `the checkpoint covers ${size} entries`);
      await consolePages.submit(page, '#verify-form');
      await screenshot(f, page, 'rosa-audit-verified');
      const ok = await page.$eval('#verify-result', (e) => e.dataset.consistent);
      assert(ok === '1', 'the log did not verify');
      await page.$eval('#verify-form input[name="signature"]', (e) => {
        e.value = e.value[0] === 'A' ? 'B' + e.value.slice(1) : 'A' + e.value.slice(1);
      });
      await consolePages.submit(page, '#verify-form');
      const tampered = await page.$eval('#verify-result', (e) => e.dataset.consistent);
      assert(tampered === '0', 'a tampered checkpoint verified');
      const partner = await consolePages.open(f, oslo, '/audit');
      assert(partner.status() === 404, `ks-oslo opening /audit: ${partner.status()}`);
    }},
  ];
}

module.exports = {checks};
