// The development PKI: a certificate authority for the hub's partners, the
// hub's own server certificate, and one client certificate per partner, all
// made with OpenSSL 3. For development and tests; production uses the
// network's real CA, with the same file layout.
//
// Layout of a PKI directory:
//   ca.pem, ca.key                  the partner CA (key mode 0600)
//   hub.pem, hub.key                the server certificate, valid for
//                                   localhost and 127.0.0.1
//   <partner-id>.pem, <partner-id>.key   a partner's client certificate;
//                                   identity in a URI SAN (PartnerUri)
//   issued.txt, revoked.txt         every partner certificate issued, and
//                                   those revoked (hub/pki/revocation.h)
// Every private key is written with mode 0600 through a temporary file and
// a rename, so a crash never leaves a half-written key.
//
// Thread-safety: functions are safe to call concurrently on different
// directories; they are not safe on the same directory.
#ifndef ROSA_HUB_PKI_DEV_PKI_H_
#define ROSA_HUB_PKI_DEV_PKI_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rosa::pki {

// The SAN URI that names a partner: "spiffe://rosa-hub/partner/<id>".
std::string PartnerUri(std::string_view partner_id);
// The partner id in such a URI, or an empty string if `uri` is not one.
std::string PartnerIdFromUri(std::string_view uri);

struct PkiPaths {
  std::filesystem::path dir;
  std::filesystem::path ca_cert() const { return dir / "ca.pem"; }
  std::filesystem::path ca_key() const { return dir / "ca.key"; }
  std::filesystem::path server_cert() const { return dir / "hub.pem"; }
  std::filesystem::path server_key() const { return dir / "hub.key"; }
  std::filesystem::path partner_cert(std::string_view id) const {
    return dir / (std::string(id) + ".pem");
  }
  std::filesystem::path partner_key(std::string_view id) const {
    return dir / (std::string(id) + ".key");
  }
  std::filesystem::path issued() const { return dir / "issued.txt"; }
  std::filesystem::path revoked() const { return dir / "revoked.txt"; }
};

// Creates the CA and the server certificate in `paths.dir` (made with mode
// 0700 if missing). Does nothing and returns OK when ca.pem already exists,
// except that a missing hub.pem is then issued from the existing CA.
// `server_hosts` are the DNS names and IP addresses the server certificate
// is valid for.
absl::Status InitCa(const PkiPaths& paths,
                    const std::vector<std::string>& server_hosts = {
                        "localhost", "127.0.0.1"});

// Issues a client certificate and key for `partner_id` from the CA in
// `paths.dir`, with a new serial, replacing the files of any existing one
// (which stays valid until revoked) and recording it in issued.txt.
// REQUIRES: InitCa succeeded on `paths`; partner_id is a valid partner id.
absl::Status IssuePartnerCertificate(const PkiPaths& paths,
                                     std::string_view partner_id);

// Issues the partner certificate only if <partner-id>.pem is missing.
absl::Status EnsurePartnerCertificate(const PkiPaths& paths,
                                      std::string_view partner_id);

// Reads a whole PEM (or any small) file.
absl::StatusOr<std::string> ReadFile(const std::filesystem::path& path);

}  // namespace rosa::pki

#endif  // ROSA_HUB_PKI_DEV_PKI_H_
