// The one place every call passes before any service sees it (health and
// reflection included): a gRPC AuthMetadataProcessor on the server
// credentials that refuses a client certificate on the revocation list with
// UNAUTHENTICATED. It runs for every call, so a certificate revoked while
// its connection is open is refused from its next call on; streams already
// open are ended by the hub when the list changes (HubServer).
//
// The TLS handshake has already checked the chain against the partner CA;
// which partner a certificate names, and whether it is registered and
// enabled, is decided afterwards by IdentifyPartner (partner_identity.h).
//
// Thread-safety: Process may be called from any thread at once.
#ifndef ROSA_HUB_SERVER_CERTIFICATE_GATE_H_
#define ROSA_HUB_SERVER_CERTIFICATE_GATE_H_

#include <grpcpp/security/auth_metadata_processor.h>

#include "absl/status/status.h"
#include "hub/pki/revocation_list.h"

namespace rosa {

// OK, or UNAUTHENTICATED when `auth` carries no peer certificate or one
// whose serial `revoked` lists.
absl::Status CheckPeerCertificate(const grpc::AuthContext& auth,
                                  pki::RevocationList& revoked);

class CertificateGate final : public grpc::AuthMetadataProcessor {
 public:
  // `revoked` must outlive the server.
  explicit CertificateGate(pki::RevocationList* revoked) : revoked_(revoked) {}

  // The check is an in-memory lookup (and a stat once a second): run it on
  // gRPC's own thread.
  bool IsBlocking() const override { return false; }

  grpc::Status Process(const InputMetadata& auth_metadata,
                       grpc::AuthContext* context,
                       OutputMetadata* consumed_auth_metadata,
                       OutputMetadata* response_metadata) override;

 private:
  pki::RevocationList* const revoked_;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_CERTIFICATE_GATE_H_
