// Security checks that need no login, over plain HTTPS (lib/http.js): no
// page, fragment or event stream answers without a session; every response
// carries the strict Content-Security-Policy and no-store; a POST without
// its CSRF token is refused before anything happens.
'use strict';
const {assert} = require('../lib/harness');
const {request} = require('../lib/http');

// Pages and APIs of every part of the console, coordinator and partner.
const kSessionPaths = ['/', '/board', '/board/table', '/board/events',
                       '/referrals', '/referrals/table', '/hotline',
                       '/persons', '/lawyers', '/report', '/audit'];

function checkHeaders(res, what) {
  const csp = res.headers['content-security-policy'] || '';
  assert(/default-src 'none'|default-src 'self'/.test(csp), `${what}: CSP missing or weak: ${csp}`);
  assert(!/unsafe-inline|unsafe-eval/.test(csp), `${what}: CSP allows inline script: ${csp}`);
  assert(/frame-ancestors 'none'/.test(csp), `${what}: CSP allows framing: ${csp}`);
  assert(/no-store/.test(res.headers['cache-control'] || ''), `${what}: Cache-Control is not no-store`);
}

function checks(ctx) {
  const f = ctx.fixture;
  return [
    {name: 'security: no page, fragment or stream without a session', fn: async () => {
      for (const path of kSessionPaths) {
        const res = await request(f, 'GET', path);
        const toLogin = res.status >= 300 && res.status < 400 &&
                        /\/login/.test(res.headers.location || '');
        assert(toLogin || res.status === 401 || res.status === 403,
               `GET ${path} without a session answered ${res.status}`);
        assert(!/rita|kari|Akutt/.test(res.body), `GET ${path} without a session shows data`);
        checkHeaders(res, `GET ${path}`);
      }
      const post = await request(f, 'POST', '/logout', {
        headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'csrf=x'});
      assert(post.status === 403, `POST /logout without a session answered ${post.status}`);
    }},
    {name: 'security: CSP and no-store on the login page', fn: async () => {
      const res = await request(f, 'GET', '/login');
      assert(res.status === 200, `GET /login answered ${res.status}`);
      checkHeaders(res, 'GET /login');
      assert(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(res.body), 'the login page has an inline script');
      assert(!/\sstyle=|<style/i.test(res.body), 'the login page has inline style');
    }},
    {name: 'security: a POST without its CSRF token is refused', fn: async () => {
      const res = await request(f, 'POST', '/login', {
        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
        body: 'user=rosa%2Frita&password=x&code=000000'});
      assert(res.status === 403, `POST /login without csrf answered ${res.status}`);
    }},
  ];
}

module.exports = {checks, checkHeaders};
