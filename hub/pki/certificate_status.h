// What certificates a PKI directory holds and how long each has left: the
// partner CA (ca.pem), the hub's server certificate (hub.pem) and every
// partner certificate (<partner-id>.pem). For `rosa-hub pki status` and the
// hub's certificate metrics. Reads only public certificates, never a key.
//
// Thread-safety: the functions keep no state; safe to call from any thread.
#ifndef ROSA_HUB_PKI_CERTIFICATE_STATUS_H_
#define ROSA_HUB_PKI_CERTIFICATE_STATUS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/pki/dev_pki.h"

namespace rosa::pki {

struct CertificateStatus {
  // "ca", "server" or "partner".
  std::string role;
  // "ca", "hub", or the partner id from the certificate's URI SAN.
  std::string name;
  std::string file;     // File name within the directory.
  std::string subject;  // One line, as OpenSSL prints it (RFC 2253).
  std::string serial;   // Upper-case hex, as revocation.h writes it.
  absl::Time not_before;
  absl::Time not_after;
};

// Whole days from `now` to `not_after`, rounded down; negative once expired.
double DaysLeft(const CertificateStatus& cert, absl::Time now);

// The certificate in `pem` (the first, if several).
absl::StatusOr<CertificateStatus> DescribeCertificate(std::string_view pem);

// Every certificate in `paths.dir`: ca.pem first, then hub.pem, then the
// partner certificates by file name. A .pem that is no partner certificate
// (no partner URI SAN) is left out. NOT_FOUND when ca.pem is missing; a
// certificate that cannot be read is an error naming its file.
absl::StatusOr<std::vector<CertificateStatus>> ListCertificates(
    const PkiPaths& paths);

}  // namespace rosa::pki

#endif  // ROSA_HUB_PKI_CERTIFICATE_STATUS_H_
