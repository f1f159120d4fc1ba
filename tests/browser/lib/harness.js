// The browser tests' harness: reads the fixture the C++ launcher wrote,
// starts Debian's chromium headless over the DevTools protocol (never a
// downloaded browser), trusts exactly the hub's server key, runs named
// checks in order and saves a screenshot of every page a check visits.
// One process, one browser; checks run one after another.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

const kChromium = '/usr/bin/chromium';
const kStepTimeoutMs = 20000;

// The fixture written by console_browser_test.cc.
function loadFixture(file) {
  const fixture = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.mkdirSync(fixture.artefacts, {recursive: true});
  return fixture;
}

// base64(SHA-256(SubjectPublicKeyInfo)) of a PEM certificate: what
// chromium's --ignore-certificate-errors-spki-list takes.
function spkiHash(pemFile) {
  const cert = new crypto.X509Certificate(fs.readFileSync(pemFile));
  const spki = cert.publicKey.export({type: 'spki', format: 'der'});
  return crypto.createHash('sha256').update(spki).digest('base64');
}

async function launch(fixture) {
  const args = [
    // The development PKI's CA is not in the system store; chromium trusts
    // the one hub key it is told about, and no other certificate error.
    `--ignore-certificate-errors-spki-list=${spkiHash(fixture.server_cert)}`,
    '--lang=nb-NO',
  ];
  // Chromium refuses to start as root with its sandbox on (the user
  // namespace sandbox needs an unprivileged user). CI and the project's
  // set-up run as root in a throwaway container, so there and only there
  // the sandbox is turned off.
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
  return puppeteer.launch({
    executablePath: kChromium,
    headless: true,
    args,
    protocolTimeout: 60000,
  });
}

// A fresh, isolated browser context (its own cookies) with one page.
async function newUser(browser, label) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(kStepTimeoutMs);
  page.setDefaultNavigationTimeout(kStepTimeoutMs);
  page.on('pageerror', (e) => console.log(`[${label}] page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`[${label}] console: ${m.text()}`);
  });
  return {context, page, label};
}

let shotCounter = 0;
// Saves a full-page screenshot as <artefacts>/NN-<name>.png.
async function screenshot(fixture, page, name) {
  shotCounter += 1;
  const file = path.join(fixture.artefacts,
                         `${String(shotCounter).padStart(2, '0')}-${name}.png`);
  await page.bringToFront();  // a background tab does not paint
  await page.screenshot({path: file, fullPage: true});
  return file;
}

// Runs `checks` ([name, async fn]) in order; a failure is reported and the
// rest still run unless the check is marked `required` (then the run
// stops: later checks depend on it). Returns the number of failures.
async function runChecks(checks, onFailure = async () => {}) {
  let failures = 0;
  for (const {name, fn, required} of checks) {
    const started = Date.now();
    try {
      await fn();
      console.log(`PASS ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failures += 1;
      console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
      await onFailure(name).catch(() => {});
      if (required) {
        console.log('STOP: later checks depend on this one');
        break;
      }
    }
  }
  return failures;
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

module.exports = {loadFixture, launch, newUser, screenshot, runChecks,
                  assert, spkiHash};
