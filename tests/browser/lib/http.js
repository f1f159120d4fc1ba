// Plain HTTPS requests to the console, outside the browser, for the checks
// a browser hides: response headers, Set-Cookie flags, a POST without its
// CSRF token. The hub's certificate is verified against the development
// CA (ca.pem next to hub.pem). One request per call; no redirects followed.
'use strict';
const fs = require('fs');
const https = require('https');
const path = require('path');

// Makes a request; resolves {status, headers, body}.
function request(fixture, method, urlPath, {headers = {}, body = ''} = {}) {
  const url = new URL(urlPath, fixture.console_url);
  const ca = fs.readFileSync(path.join(path.dirname(fixture.server_cert), 'ca.pem'));
  return new Promise((resolve, reject) => {
    const req = https.request(url, {
      method,
      ca,
      headers: {'Content-Length': Buffer.byteLength(body), ...headers},
      timeout: 15000,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode,
        headers: res.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath}: timeout`)));
    req.on('error', reject);
    req.end(body);
  });
}

// The Cookie header value for a puppeteer cookie list.
function cookieHeader(cookies) {
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

module.exports = {request, cookieHeader};
