// Helpers for the OpenSSL 3 C API shared by hub/pki and hub/audit: owning
// std::unique_ptr deleters, INTERNAL statuses that name the failed
// operation and OpenSSL's reason (never the data), and the bytes of a
// memory BIO.
//
// Thread-safety: thread-safe; OpenSslError reads and clears the calling
// thread's OpenSSL error queue only.
#ifndef ROSA_HUB_COMMON_OPENSSL_UTIL_H_
#define ROSA_HUB_COMMON_OPENSSL_UTIL_H_

#include <openssl/types.h>

#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rosa {

// A deleter that calls kFree, for std::unique_ptr:
//   using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
template <auto kFree>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* p) const {
    kFree(p);
  }
};

// INTERNAL: "<operation> failed" and the first queued OpenSSL error (which
// describes the failure, not the data); clears the thread's error queue.
absl::Status OpenSslError(absl::string_view operation);

// The bytes that the memory BIO `bio` holds; valid until `bio` is changed
// or freed. INTERNAL if OpenSSL cannot say.
// REQUIRES: bio != nullptr.
absl::StatusOr<std::string_view> BioData(BIO* bio);

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_OPENSSL_UTIL_H_
