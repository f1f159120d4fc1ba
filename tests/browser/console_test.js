// The web console's browser test, run by console_browser_test.cc with the
// fixture file it wrote: Debian's chromium, headless, driven over the
// DevTools protocol by puppeteer-core, against the real hub. Two isolated
// browser contexts act as ROSA's coordinator (rosa/rita) and the Oslo
// crisis centre's user (ks-oslo/kari). Every check prints PASS or FAIL;
// the exit code is the number of failures (0: all passed). Screenshots of
// every page go to the fixture's artefacts directory.
// Usage: node console_test.js <fixture.json>
'use strict';
const harness = require('./lib/harness');
const totp = require('./lib/totp');

const kOverallTimeoutMs = 170000;

async function main() {
  const fixture = harness.loadFixture(process.argv[2]);
  totp.selfCheck();
  const browser = await harness.launch(fixture);
  const ctx = {
    fixture,
    browser,
    rosa: await harness.newUser(browser, 'rosa'),
    oslo: await harness.newUser(browser, 'oslo'),
    users: {},
  };
  let failures = 0;
  try {
    failures = await harness.runChecks([
      ...require('./checks/security').checks(ctx),
      ...require('./checks/flows').checks(ctx),
      ...require('./checks/pages').checks(ctx),
    ], async () => {
      // What each user saw when a check failed.
      await harness.screenshot(fixture, ctx.rosa.page, 'rosa-at-failure');
      await harness.screenshot(fixture, ctx.oslo.page, 'oslo-at-failure');
    });
  } finally {
    await browser.close();
  }
  console.log(failures === 0 ? 'ALL PASSED' : `${failures} FAILED`);
  return failures;
}

const timer = setTimeout(() => {
  console.log(`FAIL: the browser test took longer than ${kOverallTimeoutMs} ms`);
  process.exit(1);
}, kOverallTimeoutMs);
main().then((failures) => {
  clearTimeout(timer);
  process.exit(failures === 0 ? 0 : 1);
}, (e) => {
  console.log(`FAIL: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
