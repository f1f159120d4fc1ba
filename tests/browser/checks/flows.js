// The flows in two browser contexts: ROSA's coordinator enrols and
// logs in with password and TOTP, finds a place and refers a person there
// with a hold; the Oslo crisis centre's user (second context) accepts it,
// and ROSA's board and queue change without a reload (server-sent events).
// Also: session cookie flags, the same not-found page for a referral
// ks-oslo may not see as for a missing one, and the accessibility of every
// page visited (lib/a11y.js).
'use strict';
const {assert, screenshot} = require('../lib/harness');
const a11y = require('../lib/a11y');
const consolePages = require('../lib/console');

const kPassword = 'correct horse battery staple';

// Opens `path` as `session`, checks the page's accessibility and saves a
// screenshot named after it.
async function visit(ctx, session, path, name) {
  const response = await consolePages.open(ctx.fixture, session, path);
  await screenshot(ctx.fixture, session.page, `${session.label}-${name}`);
  const problems = await a11y.problems(session.page);
  assert(problems.length === 0, `${path}: ${problems.join('; ')}`);
  return response;
}

async function cookieFlags(session) {
  const cookies = await session.page.cookies();
  const sessionCookie = cookies.find((c) => c.name === 'rosa_session');
  assert(sessionCookie, 'no rosa_session cookie after login');
  assert(sessionCookie.secure, 'session cookie is not Secure');
  assert(sessionCookie.httpOnly, 'session cookie is not HttpOnly');
  assert(sessionCookie.sameSite === 'Strict', `session cookie SameSite=${sessionCookie.sameSite}`);
  assert(!sessionCookie.expires || sessionCookie.expires < 0 ||
         sessionCookie.session, 'session cookie outlives the browser');
}

// Waits until `selector` in `session.page` satisfies `predicate` (run in
// the page), without reloading it.
async function waitInPage(session, selector, predicate, what, timeout = 15000) {
  try {
    await session.page.waitForFunction(predicate, {timeout, polling: 200}, selector);
  } catch (e) {
    throw new Error(`${session.label}: ${what} did not happen without a reload`);
  }
}

function checks(ctx) {
  const f = ctx.fixture;
  const {rosa, oslo} = ctx;
  return [
    {name: 'flow: enrol rosa/rita and ks-oslo/kari from their one-time links', required: true, fn: async () => {
      ctx.users.rosa = await consolePages.enrol(f, rosa, f.rosa_link, kPassword);
      ctx.users.oslo = await consolePages.enrol(f, oslo, f.oslo_link, kPassword);
      assert(ctx.users.rosa.account === 'rosa/rita', `enrolled ${ctx.users.rosa.account}`);
      assert(ctx.users.oslo.account === 'ks-oslo/kari', `enrolled ${ctx.users.oslo.account}`);
      const again = await consolePages.open(f, rosa, f.rosa_link);
      assert(again.status() === 404, `a used enrolment link answered ${again.status()}`);
    }},
    {name: 'flow: a wrong one-time code is refused', fn: async () => {
      const page = rosa.page;
      await consolePages.open(f, rosa, '/login');
      await consolePages.fill(page, '#user', 'rosa/rita');
      await consolePages.fill(page, '#password', kPassword);
      await consolePages.fill(page, '#code', '000000');
      await consolePages.submit(page, '#login-form');
      assert(await page.$('#login-error'), 'a wrong code was not refused');
      // After a failure the account's next try is held back (1 s for the
      // first, hub/users/login_throttle.h); the next check logs in.
      await new Promise((resolve) => setTimeout(resolve, 1200));
    }},
    {name: 'flow: log in with password and TOTP (both users); cookie flags', required: true, fn: async () => {
      await consolePages.login(f, rosa, ctx.users.rosa);
      await consolePages.login(f, oslo, ctx.users.oslo);
      await cookieFlags(rosa);
      await cookieFlags(oslo);
      const label = await rosa.page.$eval('#user-label', (e) => e.textContent);
      assert(label.includes('rosa/rita'), `the header names ${label}`);
    }},
    {name: 'flow: ROSA sees the board with the reported places', fn: async () => {
      await visit(ctx, rosa, '/board', 'board');
      const text = await rosa.page.$eval('#board-table', (e) => e.textContent);
      assert(text.includes('Akutt'), 'the board does not show ks-oslo/Akutt');
    }},
    {name: 'look: the board and the queue fit a phone screen (375 px)', fn: async () => {
      const page = rosa.page;
      const before = page.viewport();
      await page.setViewport({width: 375, height: 740, isMobile: true});
      try {
        for (const [path, name] of [['/board', 'phone-board'], ['/referrals', 'phone-queue']]) {
          await visit(ctx, rosa, path, name);
          // Wide tables scroll inside their own box; the page itself does not.
          const overflow = await page.evaluate(
              () => document.documentElement.scrollWidth - window.innerWidth);
          assert(overflow <= 1, `${path} is ${overflow} px wider than a phone`);
        }
      } finally {
        await page.setViewport(before);
      }
    }},
    ...require('./placement').checks(ctx, {visit, waitInPage}),
    {name: 'security: a Filemon referral is "not found" for ks-oslo, like a missing one', fn: async () => {
      const id = f.filemon_referral;
      const missing = id.slice(0, -1) + (id.endsWith('9') ? '8' : '9');
      const hidden = await consolePages.open(f, oslo, `/referrals/${id}`);
      const hiddenMain = await oslo.page.$eval('main', (e) => e.innerText);
      await screenshot(f, oslo.page, 'oslo-filemon-referral');
      const gone = await consolePages.open(f, oslo, `/referrals/${missing}`);
      const goneMain = await oslo.page.$eval('main', (e) => e.innerText);
      assert(hidden.status() === 404 && gone.status() === 404,
             `answers ${hidden.status()} and ${gone.status()}, want 404 twice`);
      assert(hiddenMain === goneMain, 'the two not-found pages differ');
      assert(!hiddenMain.includes(id), 'the not-found page echoes the id');
      const seen = await consolePages.open(f, rosa, `/referrals/${id}`);
      assert(seen.status() === 200, `ROSA cannot open its own referral: ${seen.status()}`);
    }},
    {name: 'security: a logged-in POST without its CSRF token is refused', fn: async () => {
      const status = await oslo.page.evaluate(async () => {
        const r = await fetch('/logout', {method: 'POST', redirect: 'manual',
          headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: ''});
        return r.status;
      });
      assert(status === 403, `POST /logout without csrf answered ${status}`);
      const still = await consolePages.open(f, oslo, '/referrals');
      assert(still.url().endsWith('/referrals'), 'the session ended anyway');
    }},
  ];
}

module.exports = {checks, visit, waitInPage};
