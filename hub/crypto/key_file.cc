// KekStore: the file format and the store. Errors name the file and a line
// number, never a line's content (which may be key material). Strings that
// hold the file's text are wiped by a TextWiper before they are freed, and
// are reserved up front so that no reallocation leaves a stray copy.
#include "hub/crypto/key_file.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"

namespace rosa::crypto {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kHeader = "rosa-hub-kek 1";
constexpr char kHexDigits[] = "0123456789abcdef";

// Wipes a string's bytes when it goes out of scope.
struct TextWiper {
  std::string& text;
  ~TextWiper() { OPENSSL_cleanse(text.data(), text.size()); }
};

template <typename T>
bool ParseNumber(std::string_view s, T* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool ParseVersion(std::string_view s, uint32_t* out) {
  return ParseNumber(s, out) && *out != 0;
}

bool ParseUnixSeconds(std::string_view s, absl::Time* out) {
  int64_t seconds = 0;
  if (!ParseNumber(s, &seconds)) return false;
  *out = absl::FromUnixSeconds(seconds);
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

absl::StatusOr<SecretKey> ParseKey(std::string_view hex) {
  if (hex.size() != 2 * SecretKey::kSize) {
    return absl::InvalidArgumentError("bad key length");
  }
  std::array<char, SecretKey::kSize> raw;
  bool ok = true;
  for (size_t i = 0; i < raw.size(); ++i) {
    const int hi = HexValue(hex[2 * i]), lo = HexValue(hex[2 * i + 1]);
    ok = ok && hi >= 0 && lo >= 0;
    raw[i] = static_cast<char>((hi << 4) | (lo & 0xf));
  }
  absl::StatusOr<SecretKey> key = absl::InvalidArgumentError("bad digits");
  if (ok) key = SecretKey::FromBytes(std::string_view(raw.data(), raw.size()));
  OPENSSL_cleanse(raw.data(), raw.size());
  return key;
}

// Splits `s` at every `sep`, keeping empty pieces.
std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    const size_t end = s.find(sep, start);
    parts.push_back(s.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

}  // namespace

absl::StatusOr<KekStore::State> KekStore::Parse(std::string_view text) {
  State state;
  bool header = false;
  int line_number = 0;
  for (std::string_view line : Split(text, '\n')) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string_view> f = Split(line, ' ');
    uint32_t version = 0;
    bool ok = f.size() >= 2 && ParseVersion(f[1], &version) &&
              !state.keys.contains(version) && !state.retired.contains(version);
    if (!header) {
      ok = line == kHeader;
      header = true;
    } else if (f[0] == "active" && f.size() == 2) {
      ok = ParseVersion(f[1], &version) && state.active == 0;
      state.active = version;
    } else if (f[0] == "key" && f.size() == 4 && ok) {
      absl::Time created_at;
      absl::StatusOr<SecretKey> key = ParseKey(f[3]);
      ok = ParseUnixSeconds(f[2], &created_at) && key.ok();
      if (ok) {
        state.keys[version] = std::make_shared<const Kek>(
            Kek{version, created_at, *std::move(key)});
      }
    } else if (f[0] == "retired" && f.size() == 4 && ok) {
      RetiredKek& r = state.retired[version];
      r.version = version;
      ok = ParseUnixSeconds(f[2], &r.created_at) &&
           ParseUnixSeconds(f[3], &r.retired_at);
    } else {
      ok = false;
    }
    if (!ok) {
      return absl::DataLossError(absl::StrCat("malformed line ", line_number));
    }
  }
  if (!state.keys.contains(state.active)) {
    return absl::DataLossError("no usable active key");
  }
  return state;
}

std::string KekStore::Serialize(const State& state) {
  std::string text;
  text.reserve(256 + 128 * state.keys.size() + 64 * state.retired.size());
  absl::StrAppend(&text, "# rosa-hub key-encryption keys. SECRET: keep mode ",
                  "0600; never copy, print or commit.\n", std::string(kHeader),
                  "\nactive ", state.active, "\n");
  for (const auto& [version, kek] : state.keys) {
    absl::StrAppend(&text, "key ", version, " ",
                    absl::ToUnixSeconds(kek->created_at), " ");
    for (char c : kek->key.bytes()) {
      const auto byte = static_cast<unsigned char>(c);
      text.push_back(kHexDigits[byte >> 4]);
      text.push_back(kHexDigits[byte & 0xf]);
    }
    text.push_back('\n');
  }
  for (const auto& [version, r] : state.retired) {
    absl::StrAppend(&text, "retired ", version, " ",
                    absl::ToUnixSeconds(r.created_at), " ",
                    absl::ToUnixSeconds(r.retired_at), "\n");
  }
  return text;
}

namespace {

// Now, to the second: what the file can represent.
absl::Time NowSeconds(const Clock* clock) {
  return absl::FromUnixSeconds(absl::ToUnixSeconds(clock->Now()));
}

absl::Status Annotate(const absl::Status& status, const fs::path& path) {
  return absl::Status(status.code(),
                      absl::StrCat(path.string(), ": ", status.message()));
}

}  // namespace

fs::path KekStore::DefaultPath(const fs::path& data_dir) {
  return data_dir / "keys" / "kek";
}

absl::StatusOr<std::unique_ptr<KekStore>> KekStore::OpenOrCreate(
    const fs::path& path, const Clock* clock) {
  return Load(path, ClockOrSystem(clock), /*create_if_missing=*/true);
}

absl::StatusOr<std::unique_ptr<KekStore>> KekStore::Open(const fs::path& path,
                                                         const Clock* clock) {
  return Load(path, ClockOrSystem(clock), /*create_if_missing=*/false);
}

KekStore::KekStore(fs::path path, const Clock* clock, State state)
    : path_(std::move(path)), clock_(clock), state_(std::move(state)) {}

absl::StatusOr<std::unique_ptr<KekStore>> KekStore::Load(
    const fs::path& path, const Clock* clock, bool create_if_missing) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : ".";
  if (create_if_missing) {
    RETURN_IF_ERROR(EnsurePrivateDirectory(dir));
  } else {
    RETURN_IF_ERROR(CheckPrivateDirectory(dir));
  }
  absl::StatusOr<std::string> text = ReadPrivateFile(path);
  if (absl::IsNotFound(text.status()) && create_if_missing) {
    ASSIGN_OR_RETURN(SecretKey key, SecretKey::Random());
    State state;
    state.active = 1;
    state.keys[1] =
        std::make_shared<const Kek>(Kek{1, NowSeconds(clock), std::move(key)});
    std::string fresh = Serialize(state);
    TextWiper wipe_fresh{fresh};
    const absl::Status written =
        WriteFileAtomically(path, fresh, {.no_replace = true});
    if (written.ok()) {
      return std::unique_ptr<KekStore>(
          new KekStore(path, clock, std::move(state)));
    }
    // Another process created it first: use theirs.
    if (!absl::IsAlreadyExists(written)) return written;
    text = ReadPrivateFile(path);
  }
  if (!text.ok()) return text.status();
  TextWiper wipe_text{*text};
  absl::StatusOr<State> state = Parse(*text);
  if (!state.ok()) return Annotate(state.status(), path);
  return std::unique_ptr<KekStore>(
      new KekStore(path, clock, *std::move(state)));
}

absl::Status KekStore::Persist(const State& state) const {
  std::string text = Serialize(state);
  TextWiper wipe_text{text};
  return WriteFileAtomically(path_, text);
}

std::shared_ptr<const Kek> KekStore::Active() const {
  std::lock_guard<std::mutex> lock(mu_);
  return state_.keys.at(state_.active);
}

absl::StatusOr<std::shared_ptr<const Kek>> KekStore::Get(
    uint32_t version) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = state_.keys.find(version); it != state_.keys.end()) {
    return it->second;
  }
  if (state_.retired.contains(version)) {
    return absl::FailedPreconditionError(
        absl::StrCat("key-encryption key version ", version, " is retired"));
  }
  return absl::NotFoundError(
      absl::StrCat("no key-encryption key version ", version));
}

uint32_t KekStore::active_version() const {
  std::lock_guard<std::mutex> lock(mu_);
  return state_.active;
}

std::vector<uint32_t> KekStore::versions() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<uint32_t> out;
  for (const auto& [version, kek] : state_.keys) out.push_back(version);
  return out;
}

std::vector<RetiredKek> KekStore::retired() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<RetiredKek> out;
  for (const auto& [version, r] : state_.retired) out.push_back(r);
  return out;
}

absl::StatusOr<uint32_t> KekStore::Rotate() {
  std::lock_guard<std::mutex> lock(mu_);
  uint32_t last = state_.keys.rbegin()->first;
  if (!state_.retired.empty()) {
    last = std::max(last, state_.retired.rbegin()->first);
  }
  if (last == std::numeric_limits<uint32_t>::max()) {
    return absl::ResourceExhaustedError("no key-encryption key versions left");
  }
  const uint32_t version = last + 1;
  ASSIGN_OR_RETURN(SecretKey key, SecretKey::Random());
  State next = state_;
  next.keys[version] = std::make_shared<const Kek>(
      Kek{version, NowSeconds(clock_), std::move(key)});
  next.active = version;
  RETURN_IF_ERROR(Persist(next));
  state_ = std::move(next);
  return version;
}

absl::Status KekStore::Retire(uint32_t version) {
  std::lock_guard<std::mutex> lock(mu_);
  if (state_.retired.contains(version)) return absl::OkStatus();
  auto it = state_.keys.find(version);
  if (it == state_.keys.end()) {
    return absl::NotFoundError(
        absl::StrCat("no key-encryption key version ", version));
  }
  if (version == state_.active) {
    return absl::FailedPreconditionError(
        "the active key-encryption key cannot be retired; rotate first");
  }
  State next = state_;
  next.retired[version] =
      RetiredKek{version, it->second->created_at, NowSeconds(clock_)};
  next.keys.erase(version);
  RETURN_IF_ERROR(Persist(next));
  state_ = std::move(next);
  return absl::OkStatus();
}

}  // namespace rosa::crypto
