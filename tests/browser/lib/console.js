// The console as a person uses it: enrol from the one-time link (password
// and the first TOTP code), log in (user, password, code), go to a page
// and wait for it. Element ids and field names are the ones in
// adapters/console/README.md. A user's codes never reuse a 30-second step
// (the hub accepts each step once, and one step either side of now).
'use strict';
const {totp} = require('./totp');
const {screenshot, assert} = require('./harness');

const kStep = 30;

// The code for the earliest step `user` has not used that the hub still
// accepts with a margin (a step either side of now); waits when there is
// none yet. Records the step as used.
async function nextCode(user) {
  for (;;) {
    const now = Date.now() / 1000;
    const current = Math.floor(now / kStep);
    const into = now - current * kStep;
    const candidates = [];
    if (into < 20) candidates.push(current - 1);
    candidates.push(current);
    if (into > 10) candidates.push(current + 1);
    const step = candidates.find((s) => s > user.lastStep);
    if (step !== undefined) {
      user.lastStep = step;
      return totp(user.secret, step * kStep);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function fill(page, selector, value) {
  await page.$eval(selector, (e) => { e.value = ''; });
  await page.type(selector, value);
}

// Opens the enrolment link in `session.page`, reads the TOTP secret, sets
// `password` and confirms with a code. Returns the user:
// {account: "rosa/rita", secret, password, lastStep}.
async function enrol(fixture, session, link, password) {
  const page = session.page;
  const response = await page.goto(link);
  assert(response.status() === 200, `enrolment page: HTTP ${response.status()}`);
  await screenshot(fixture, page, `${session.label}-enrol`);
  const account = (await page.$eval('#enrol-user', (e) => e.textContent)).trim();
  const secret = (await page.$eval('#totp-secret', (e) => e.textContent)).trim();
  const user = {account, secret, password, lastStep: 0};
  await fill(page, '#password', password);
  await fill(page, '#password2', password);
  await fill(page, '#code', await nextCode(user));
  await Promise.all([page.waitForNavigation(), page.click('#enrol-form button[type="submit"]')]);
  assert(await page.$('#enrol-done'), `enrolment of ${account} not confirmed`);
  return user;
}

// Logs `user` in on `session.page`; ends on the page the console opens
// after login.
async function login(fixture, session, user) {
  const page = session.page;
  await page.goto(new URL('/login', fixture.console_url).href);
  await fill(page, '#user', user.account);
  await fill(page, '#password', user.password);
  await fill(page, '#code', await nextCode(user));
  await Promise.all([page.waitForNavigation(), page.click('#login-form button[type="submit"]')]);
  assert(!(await page.$('#login-error')), `login of ${user.account} refused`);
}

// Goes to `path` (same origin) and returns the response.
async function open(fixture, session, path) {
  return session.page.goto(new URL(path, fixture.console_url).href);
}

// Submits the form `formSelector` with its submit button and waits for the
// next page.
async function submit(page, formSelector) {
  await Promise.all([page.waitForNavigation(),
                     page.click(`${formSelector} button[type="submit"]`)]);
}

module.exports = {nextCode, fill, enrol, login, open, submit};
