// Remembers the serial of each client certificate PEM it has read, so that
// the per-call revocation check (certificate_gate.h) parses a certificate
// once per distinct certificate instead of once per call: PEM and ASN.1
// decoding was a third of the hub's CPU per call.
//
// Only successful parses are kept; a PEM that does not parse is re-read
// (and refused) every time. The cache holds at most `capacity` entries and
// starts over when full, so a stream of distinct certificates cannot grow
// it without bound.
//
// Thread-safety: SerialOf may be called from any thread at once.
#ifndef ROSA_HUB_PKI_SERIAL_CACHE_H_
#define ROSA_HUB_PKI_SERIAL_CACHE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace rosa::pki {

class SerialCache {
 public:
  explicit SerialCache(size_t capacity = 4096) : capacity_(capacity) {}
  SerialCache(const SerialCache&) = delete;
  SerialCache& operator=(const SerialCache&) = delete;

  // CertificateSerial(pem) (revocation.h), from the cache when seen before.
  absl::StatusOr<std::string> SerialOf(std::string_view pem);

  size_t size() const;

 private:
  const size_t capacity_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::string> by_pem_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa::pki

#endif  // ROSA_HUB_PKI_SERIAL_CACHE_H_
