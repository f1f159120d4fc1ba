// Rotation of the key-encryption key (KEK) that wraps every person's data
// key, and the lock that keeps rotation and a running hub apart.
//
// `rosa-hub keys rotate` runs with the hub stopped: it adds a fresh KEK
// version and makes it active, re-wraps every data key under it in one
// transaction, then retires every older version (deleting its key material
// from the key file), so that nothing remains under a retired version. Data
// keys and fields themselves do not change. A crash midway leaves every
// person readable (the old version is retired only after the re-wrap has
// committed); running the command again finishes the job.
//
// Thread-safety: KeysLock is a plain RAII object; RotateKeys must not run
// concurrently with itself or with a hub on the same data directory (the
// lock makes sure of that across processes).
#ifndef ROSA_HUB_PERSON_KEY_ROTATION_H_
#define ROSA_HUB_PERSON_KEY_ROTATION_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"

namespace rosa {

// An exclusive advisory lock (flock) on <keys-dir>/kek.lock, held while the
// object lives. The hub holds it while it serves; key rotation holds it
// while it runs, so that a running hub never wraps a new data key under a
// version that rotation is about to retire.
class KeysLock {
 public:
  // Makes `keys_dir` (mode 0700) if missing and takes the lock without
  // waiting: FAILED_PRECONDITION if another process holds it.
  static absl::StatusOr<std::unique_ptr<KeysLock>> Acquire(
      const std::filesystem::path& keys_dir);
  ~KeysLock();
  KeysLock(const KeysLock&) = delete;
  KeysLock& operator=(const KeysLock&) = delete;

 private:
  explicit KeysLock(int fd) : fd_(fd) {}
  int fd_;
};

struct KeyRotationResult {
  uint32_t active_version = 0;    // The new active KEK version.
  int rewrapped = 0;              // Data keys re-wrapped.
  std::vector<uint32_t> retired;  // Versions retired by this run.
};

// Rotates the KEK of the hub whose data directory is `data_dir` (key file
// <data_dir>/keys/kek, database <data_dir>/rosa-hub.db). NOT_FOUND if
// either is missing; FAILED_PRECONDITION if the hub is running.
absl::StatusOr<KeyRotationResult> RotateKeys(
    const std::filesystem::path& data_dir);

}  // namespace rosa

#endif  // ROSA_HUB_PERSON_KEY_ROTATION_H_
