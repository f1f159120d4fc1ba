#include "hub/pki/serial_cache.h"

#include "hub/pki/revocation.h"

namespace rosa::pki {

absl::StatusOr<std::string> SerialCache::SerialOf(std::string_view pem) {
  {
    absl::ReaderMutexLock lock(&mu_);
    auto it = by_pem_.find(absl::string_view(pem.data(), pem.size()));
    if (it != by_pem_.end()) return it->second;
  }
  // Parsed outside the lock: two threads may parse the same PEM once each.
  absl::StatusOr<std::string> serial = CertificateSerial(pem);
  if (!serial.ok()) return serial;
  absl::MutexLock lock(&mu_);
  if (by_pem_.size() >= capacity_) by_pem_.clear();
  by_pem_.emplace(std::string(pem), *serial);
  return serial;
}

size_t SerialCache::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return by_pem_.size();
}

}  // namespace rosa::pki
