#include "hub/server/certificate_gate.h"

#include <grpc/grpc_security_constants.h>

#include <string>
#include <vector>

namespace rosa {

absl::Status CheckPeerCertificate(const grpc::AuthContext& auth,
                                  pki::RevocationList& revoked,
                                  pki::SerialCache& serials) {
  const std::vector<grpc::string_ref> pems =
      auth.FindPropertyValues(GRPC_X509_PEM_CERT_PROPERTY_NAME);
  if (pems.size() != 1) {
    return absl::UnauthenticatedError(
        "a partner client certificate is required");
  }
  absl::StatusOr<std::string> serial = serials.SerialOf(
      std::string_view(pems.front().data(), pems.front().size()));
  if (!serial.ok()) {
    return absl::UnauthenticatedError("the client certificate cannot be read");
  }
  if (revoked.IsRevoked(*serial)) {
    return absl::UnauthenticatedError(
        "the client certificate has been revoked");
  }
  return absl::OkStatus();
}

}  // namespace rosa
