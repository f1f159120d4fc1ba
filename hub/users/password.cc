#include "hub/users/password.h"

#include <sodium.h>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"

namespace rosa::users {
namespace {

// The kHashSlots slots every Argon2id computation takes one of.
class HashSlots {
 public:
  static HashSlots& Get() {
    static HashSlots* const slots = new HashSlots();
    return *slots;
  }
  void Take() ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](int* running) { return *running < kHashSlots; }, &running_));
    ++running_;
  }
  void Give() ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    --running_;
  }
  int running() ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    return running_;
  }

 private:
  absl::Mutex mu_;
  int running_ ABSL_GUARDED_BY(mu_) = 0;
};

// Holds a slot for its lifetime.
class Slot {
 public:
  Slot() { HashSlots::Get().Take(); }
  ~Slot() { HashSlots::Get().Give(); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;
};

}  // namespace

absl::Status CheckNewPassword(std::string_view password) {
  if (password.size() < kMinPasswordChars ||
      password.size() > kMaxPasswordChars) {
    return absl::InvalidArgumentError(
        absl::StrCat("password: must be ", kMinPasswordChars, " to ",
                     kMaxPasswordChars, " characters"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> HashPassword(std::string_view password) {
  if (sodium_init() < 0) return absl::InternalError("libsodium: no init");
  char out[crypto_pwhash_STRBYTES];
  const Slot slot;
  if (crypto_pwhash_str(out, password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return absl::ResourceExhaustedError("password hash: out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (sodium_init() < 0) return false;
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const Slot slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(),
                                  password.size()) == 0;
}

int HashesRunning() { return HashSlots::Get().running(); }

}  // namespace rosa::users
