// Revoking partner certificates. Two text files in the PKI directory:
//
//   issued.txt    one line per partner certificate `pki issue` made:
//                 "<serial> <partner-id>", oldest first
//   revoked.txt   one line per revoked certificate:
//                 "<serial> <partner-id> <time revoked, RFC 3339>"
//
// A serial is the certificate's serial number in upper-case hex, as
// `openssl x509 -noout -serial` prints it; serials are random 128-bit
// numbers, unique under the one partner CA the hub trusts. Lines starting
// with '#' and empty lines are comments. revoked.txt is written atomically
// (temporary file and rename), so a running hub reading it never sees half
// a file; the hub reads only the first field of each line.
//
// Thread-safety: functions are thread-safe; Revoke and RecordIssued lock
// the PKI directory (flock), so concurrent `pki` commands do not lose lines.
#ifndef ROSA_HUB_PKI_REVOCATION_H_
#define ROSA_HUB_PKI_REVOCATION_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "hub/pki/dev_pki.h"

namespace rosa::pki {

using SerialSet = absl::flat_hash_set<std::string>;

// `text` as a serial: hex digits, optionally with ':' separators or a
// leading "0x", leading zeros dropped, upper case. Empty if it is not one.
std::string NormalizeSerial(std::string_view text);

// The serial of the (first) certificate in `pem`.
absl::StatusOr<std::string> CertificateSerial(std::string_view pem);

// The serials in revoked.txt text. INVALID_ARGUMENT naming the line if a
// line does not start with a serial.
absl::StatusOr<SerialSet> ParseRevocations(std::string_view text);

// The serials in the file at `path`; an empty set if it does not exist.
absl::StatusOr<SerialSet> ReadRevocations(const std::filesystem::path& path);

// Appends "<serial> <partner_id>" to issued.txt.
absl::Status RecordIssued(const PkiPaths& paths, std::string_view serial,
                          std::string_view partner_id);

// What to revoke; exactly one field is set.
struct RevokeRequest {
  // Every certificate issued.txt lists for this partner except its current
  // one (the serial in <partner-id>.pem): the certificate a stolen key
  // belongs to, after `pki issue` made the partner a new one.
  std::string partner_id = {};
  // One certificate by serial.
  std::string serial = {};
  // The certificate in this PEM file.
  std::filesystem::path cert_file = {};
};

struct Revoked {
  std::string serial;
  std::string partner_id = {};  // Empty when unknown.
  bool already = false;         // It was on the list before.
};

// Adds the certificates `request` names to revoked.txt. NOT_FOUND if there
// is none to revoke (FAILED_PRECONDITION for a partner whose only listed
// certificate is its current one).
absl::StatusOr<std::vector<Revoked>> Revoke(const PkiPaths& paths,
                                            const RevokeRequest& request);

}  // namespace rosa::pki

#endif  // ROSA_HUB_PKI_REVOCATION_H_
