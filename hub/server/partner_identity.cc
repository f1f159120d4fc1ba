#include "hub/server/partner_identity.h"

#include <string>
#include <vector>

#include <grpc/grpc_security_constants.h>

#include "hub/pki/dev_pki.h"

namespace rosa {

absl::StatusOr<const Partner*> IdentifyPartner(
    const std::shared_ptr<const grpc::AuthContext>& auth,
    const PartnerRegistry& registry) {
  if (auth == nullptr || !auth->IsPeerAuthenticated()) {
    return absl::UnauthenticatedError("a partner client certificate is required");
  }
  std::vector<std::string> ids;
  for (const grpc::string_ref& san :
       auth->FindPropertyValues(GRPC_PEER_URI_PROPERTY_NAME)) {
    std::string id = pki::PartnerIdFromUri(std::string(san.data(), san.size()));
    if (!id.empty()) ids.push_back(std::move(id));
  }
  if (ids.size() != 1) {
    return absl::PermissionDeniedError(
        "the client certificate must name exactly one partner");
  }
  const Partner* partner = registry.FindEnabled(ids.front());
  if (partner == nullptr) {
    return absl::PermissionDeniedError(
        "the partner in the client certificate is not registered or not "
        "enabled");
  }
  return partner;
}

}  // namespace rosa
