#include "hub/users/totp.h"

#include <liboath/oath.h>

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "hub/users/secret_token.h"

namespace rosa::users {
namespace {

void InitOath() {
  static const bool ok = oath_init() == OATH_OK;
  if (!ok) std::abort();
}

// Percent-encodes everything but unreserved characters (RFC 3986).
std::string UriEscape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
        (u >= '0' && u <= '9') || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

}  // namespace

std::string NewTotpSecret() { return RandomBytes(kTotpSecretBytes); }

std::string Base32Secret(std::string_view secret) {
  InitOath();
  char* out = nullptr;
  size_t out_len = 0;
  if (oath_base32_encode(secret.data(), secret.size(), &out, &out_len) !=
      OATH_OK) {
    std::abort();  // Only on allocation failure.
  }
  std::string encoded(out, out_len);
  std::free(out);
  while (!encoded.empty() && encoded.back() == '=') encoded.pop_back();
  return encoded;
}

absl::StatusOr<std::string> DecodeBase32Secret(std::string_view base32) {
  InitOath();
  std::string padded(base32);
  while (padded.size() % 8 != 0) padded.push_back('=');
  char* out = nullptr;
  size_t out_len = 0;
  if (oath_base32_decode(padded.data(), padded.size(), &out, &out_len) !=
      OATH_OK) {
    return absl::InvalidArgumentError("TOTP secret: not base32");
  }
  std::string secret(out, out_len);
  std::free(out);
  return secret;
}

std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view secret) {
  return absl::StrCat("otpauth://totp/", UriEscape(issuer), ":",
                      UriEscape(account), "?secret=", Base32Secret(secret),
                      "&issuer=", UriEscape(issuer), "&algorithm=SHA1",
                      "&digits=", kTotpDigits, "&period=", kTotpStepSeconds);
}

int64_t TotpStep(absl::Time t) {
  return absl::ToUnixSeconds(t) / kTotpStepSeconds;
}

std::string TotpCode(std::string_view secret, absl::Time t) {
  InitOath();
  char code[kTotpDigits + 1] = {};
  if (oath_totp_generate(secret.data(), secret.size(),
                         static_cast<time_t>(absl::ToUnixSeconds(t)),
                         kTotpStepSeconds, 0, kTotpDigits, code) != OATH_OK) {
    std::abort();  // Only for arguments this file never passes.
  }
  return std::string(code, kTotpDigits);
}

absl::StatusOr<int64_t> CheckTotp(std::string_view secret,
                                  std::string_view code, absl::Time now,
                                  int64_t last_used_step) {
  const int64_t current = TotpStep(now);
  if (code.size() == kTotpDigits) {
    for (int64_t step = current - 1; step <= current + 1; ++step) {
      if (step <= last_used_step) continue;
      const absl::Time at = absl::FromUnixSeconds(step * kTotpStepSeconds);
      if (SameSecret(TotpCode(secret, at), code)) return step;
    }
  }
  return absl::PermissionDeniedError("one-time code: wrong or already used");
}

}  // namespace rosa::users
