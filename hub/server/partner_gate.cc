#include "hub/server/partner_gate.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "hub/server/certificate_gate.h"
#include "hub/server/grpc_status.h"
#include "hub/server/partner_identity.h"

namespace rosa {
namespace {

// gRPC calls Process for every call on a connection with these
// credentials, before the call is handed to a service; a non-OK status
// ends the call with that status.
class GateProcessor final : public grpc::AuthMetadataProcessor {
 public:
  explicit GateProcessor(PartnerGate* gate) : gate_(gate) {}

  // AdmitCall never blocks (a registry lookup and one short lock), so it
  // runs inline on gRPC's thread instead of a thread pool of its own.
  bool IsBlocking() const override { return false; }

  grpc::Status Process(const InputMetadata& /*auth_metadata*/,
                       grpc::AuthContext* context,
                       OutputMetadata* /*consumed_auth_metadata*/,
                       OutputMetadata* /*response_metadata*/) override {
    if (context == nullptr) {
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                          "a partner client certificate is required");
    }
    absl::StatusOr<const Partner*> partner = gate_->AdmitCall(*context);
    if (partner.ok()) return grpc::Status::OK;
    return ToGrpcStatus(partner.status(), "call");
  }

 private:
  PartnerGate* const gate_;
};

}  // namespace

PartnerGate::PartnerGate(const PartnerRegistry* registry, const Clock* clock,
                         PartnerLimits limits, pki::RevocationList* revoked)
    : registry_(registry),
      limits_(limits),
      revoked_(revoked),
      calls_(clock, limits.requests_per_second, limits.request_burst) {}

absl::StatusOr<const Partner*> PartnerGate::AdmitCall(
    const grpc::AuthContext& auth) {
  // A revoked certificate is refused before anything else is looked at.
  if (revoked_ != nullptr) {
    if (absl::Status s = CheckPeerCertificate(auth, *revoked_, serials_);
        !s.ok()) {
      return s;
    }
  }
  // IdentifyPartner takes the call's shared context; this one is borrowed
  // for the duration of the call, so the pointer owns nothing.
  std::shared_ptr<const grpc::AuthContext> borrowed(
      &auth, [](const grpc::AuthContext*) {});
  absl::StatusOr<const Partner*> partner =
      IdentifyPartner(borrowed, *registry_);
  if (!partner.ok()) return partner;

  if (!calls_.Take((*partner)->id, 1)) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "request rate limit: at most ", limits_.requests_per_second,
        " calls per second (bursts of ", limits_.request_burst,
        ") per partner; retry with backoff"));
  }
  return partner;
}

absl::Status PartnerGate::OpenStream(const std::string& partner) {
  std::lock_guard<std::mutex> lock(mu_);
  int& open = open_streams_[partner];
  if (open >= limits_.max_open_streams) {
    return absl::ResourceExhaustedError(
        absl::StrCat("open stream limit: at most ", limits_.max_open_streams,
                     " streams per partner; close one first"));
  }
  ++open;
  return absl::OkStatus();
}

void PartnerGate::CloseStream(const std::string& partner) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = open_streams_.find(partner);
  if (it == open_streams_.end()) return;
  if (--it->second <= 0) open_streams_.erase(it);
}

std::map<std::string, int> PartnerGate::OpenStreams() const {
  std::lock_guard<std::mutex> lock(mu_);
  return open_streams_;
}

std::shared_ptr<grpc::AuthMetadataProcessor> PartnerGate::MetadataProcessor() {
  return std::make_shared<GateProcessor>(this);
}

}  // namespace rosa
