// Who is calling: the partner id from the client certificate's URI SAN
// (spiffe://rosa-hub/partner/<id>), read only from the call's AuthContext,
// then checked against the partner registry. No header, token or request
// field can claim an identity.
// Thread-safety: pure function over an immutable registry.
#ifndef ROSA_HUB_SERVER_PARTNER_IDENTITY_H_
#define ROSA_HUB_SERVER_PARTNER_IDENTITY_H_

#include <memory>

#include <grpcpp/security/auth_context.h>

#include "absl/status/statusor.h"
#include "hub/partner/partner_registry.h"

namespace rosa {

// The calling partner. UNAUTHENTICATED without a verified certificate (the
// TLS handshake already refuses those), PERMISSION_DENIED when the
// certificate names no partner, several, or one that is not registered and
// enabled.
absl::StatusOr<const Partner*> IdentifyPartner(
    const std::shared_ptr<const grpc::AuthContext>& auth,
    const PartnerRegistry& registry);

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_PARTNER_IDENTITY_H_
