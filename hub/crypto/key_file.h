// KekStore: the hub's key-encryption keys (KEKs), kept in one file. Each
// KEK is a versioned random 256-bit AES key; exactly one version is
// active (new data keys are wrapped under it). Rotate() adds a version and
// makes it active; the older versions stay until Retire(version) removes
// their key material from the file once nothing is wrapped under them.
// A retired version is remembered so that it is never reused.
//
// The file (conventionally <data-dir>/keys/kek, see DefaultPath) is a
// line format, so that no JSON library ever holds a copy of the keys:
//   rosa-hub-kek 1
//   active <version>
//   key <version> <created-at, Unix seconds> <key, 64 lowercase hex digits>
//   retired <version> <created-at> <retired-at>
// Lines starting with '#' are comments. The file is created with mode 0600
// in a directory with mode 0700, and loading refuses a file or directory
// that group or others may access. Every change is written atomically: a
// temporary file (O_EXCL, 0600), fsync, rename, fsync of the directory;
// the first creation uses link() so that it never replaces an existing
// file. Key bytes are wiped (OPENSSL_cleanse) when no longer referenced,
// and every buffer that held the file's text is wiped after use.
//
// Thread-safety: a KekStore is thread-safe. Keys handed out as
// shared_ptr<const Kek> stay valid (and unwiped) while referenced, even
// if their version is retired meanwhile. One process at a time may own a
// file; concurrent writers in several processes are not supported.
#ifndef ROSA_HUB_CRYPTO_KEY_FILE_H_
#define ROSA_HUB_CRYPTO_KEY_FILE_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/crypto/secret_key.h"

namespace rosa::crypto {

// One key-encryption key.
struct Kek {
  uint32_t version = 0;  // >= 1
  absl::Time created_at;
  SecretKey key;
};

// A version whose key material has been deleted.
struct RetiredKek {
  uint32_t version = 0;
  absl::Time created_at;
  absl::Time retired_at;
};

class KekStore {
 public:
  // <data_dir>/keys/kek.
  static std::filesystem::path DefaultPath(
      const std::filesystem::path& data_dir);

  // Loads the store at `path`, creating it (and its directory) with one
  // fresh active key, version 1, if the file does not exist. A file that
  // exists but is unreadable, malformed or too widely readable is an
  // error, never replaced.
  // REQUIRES: `clock` is null (system clock) or outlives the store.
  static absl::StatusOr<std::unique_ptr<KekStore>> OpenOrCreate(
      const std::filesystem::path& path, const Clock* clock = nullptr);

  // Like OpenOrCreate, but NOT_FOUND if the file does not exist: for
  // callers that know the keys must already be there.
  static absl::StatusOr<std::unique_ptr<KekStore>> Open(
      const std::filesystem::path& path, const Clock* clock = nullptr);

  KekStore(const KekStore&) = delete;
  KekStore& operator=(const KekStore&) = delete;

  // The key new data keys are wrapped under. Never null.
  std::shared_ptr<const Kek> Active() const;

  // The key with `version`: NOT_FOUND if it never existed,
  // FAILED_PRECONDITION if it was retired.
  absl::StatusOr<std::shared_ptr<const Kek>> Get(uint32_t version) const;

  uint32_t active_version() const;
  // Versions whose key material is present, ascending.
  std::vector<uint32_t> versions() const;
  std::vector<RetiredKek> retired() const;

  // Adds a fresh key with the next unused version, makes it active, and
  // writes the file. Returns the new version. On error nothing changes.
  absl::StatusOr<uint32_t> Rotate();

  // Deletes the key material of `version` from the file (and from this
  // store once nobody references it). OK if already retired; NOT_FOUND if
  // it never existed; FAILED_PRECONDITION if it is the active version.
  // REQUIRES: nothing is wrapped under `version` any more (rewrap first:
  // data wrapped only under it becomes unrecoverable).
  absl::Status Retire(uint32_t version);

  const std::filesystem::path& path() const { return path_; }

 private:
  struct State {
    uint32_t active = 0;
    std::map<uint32_t, std::shared_ptr<const Kek>> keys;
    std::map<uint32_t, RetiredKek> retired;
  };

  KekStore(std::filesystem::path path, const Clock* clock, State state);

  // The file's text (REQUIRES: the caller wipes it), and back; Parse
  // errors name a line number, never its content.
  static std::string Serialize(const State& state);
  static absl::StatusOr<State> Parse(std::string_view text);

  static absl::StatusOr<std::unique_ptr<KekStore>> Load(
      const std::filesystem::path& path, const Clock* clock,
      bool create_if_missing);

  // Writes `state` to path_. REQUIRES: mu_ held.
  absl::Status Persist(const State& state) const;

  const std::filesystem::path path_;
  const Clock* const clock_;
  mutable std::mutex mu_;
  State state_;  // Guarded by mu_.
};

}  // namespace rosa::crypto

#endif  // ROSA_HUB_CRYPTO_KEY_FILE_H_
