// The revocation check of a call's client certificate. PartnerGate
// (partner_gate.h), the one place every call passes before any service sees
// it (health and reflection included), runs it first, so a certificate
// revoked while its connection is open is refused from its next call on;
// streams already open are ended by the hub when the list changes
// (HubServer).
//
// The TLS handshake has already checked the chain against the partner CA;
// which partner a certificate names, and whether it is registered and
// enabled, is decided afterwards by IdentifyPartner (partner_identity.h).
//
// Thread-safety: CheckPeerCertificate may be called from any thread at once.
#ifndef ROSA_HUB_SERVER_CERTIFICATE_GATE_H_
#define ROSA_HUB_SERVER_CERTIFICATE_GATE_H_

#include <grpcpp/security/auth_context.h>

#include "absl/status/status.h"
#include "hub/pki/revocation_list.h"
#include "hub/pki/serial_cache.h"

namespace rosa {

// OK, or UNAUTHENTICATED when `auth` carries no peer certificate or one
// whose serial `revoked` lists. `serials` remembers the serial of each
// certificate already read, so a connection's certificate is parsed once.
absl::Status CheckPeerCertificate(const grpc::AuthContext& auth,
                                  pki::RevocationList& revoked,
                                  pki::SerialCache& serials);

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_CERTIFICATE_GATE_H_
