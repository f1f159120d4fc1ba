// Time-based one-time passwords (RFC 6238) as an authenticator app makes
// them: HMAC-SHA1 over the 30-second step counter, dynamic truncation
// (RFC 4226), 6 digits. The secret comes as base32 (RFC 4648), the form the
// console's enrolment page shows. Pure functions; node's crypto only.
'use strict';
const crypto = require('crypto');

const kAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// The bytes of a base32 secret; spaces, dashes, padding and case ignored.
function base32Decode(text) {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const index = kAlphabet.indexOf(ch);
    if (index < 0) throw new Error('base32 secret: invalid character');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// The HOTP value (RFC 4226) of `key` (bytes) at `counter`.
function hotp(key, counter, digits = 6) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(code).padStart(digits, '0');
}

// The TOTP code of a base32 `secret` at `unixSeconds` (default now).
function totp(secret, unixSeconds = Date.now() / 1000, digits = 6) {
  return hotp(base32Decode(secret), Math.floor(unixSeconds / 30), digits);
}

// Seconds left in the current 30-second step.
function secondsLeftInStep(unixSeconds = Date.now() / 1000) {
  return 30 - (Math.floor(unixSeconds) % 30);
}

// RFC 6238 appendix B, SHA-1 rows (8 digits; the 6-digit code is the last
// six): proves this implementation before a test relies on it.
function selfCheck() {
  const key = Buffer.from('12345678901234567890');
  const rows = [[59, '94287082'], [1111111109, '07081804'],
                [1234567890, '89005924'], [2000000000, '69279037']];
  for (const [t, want] of rows) {
    const got = hotp(key, Math.floor(t / 30), 8);
    if (got !== want) throw new Error(`TOTP self-check at ${t}: ${got} != ${want}`);
  }
  const b32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';  // base32 of the same key
  if (totp(b32, 59) !== '287082') throw new Error('TOTP self-check: base32');
}

module.exports = {base32Decode, hotp, totp, secondsLeftInStep, selfCheck};
