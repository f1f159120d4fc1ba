// The one gate every call to the hub passes, whatever the service: the
// hub's own, the partner gateway, and gRPC's health and reflection. It
// admits a call only from a registered, enabled partner (IdentifyPartner)
// within that partner's request rate, and counts each partner's open
// streams against a cap. Past a limit the answer is RESOURCE_EXHAUSTED,
// so one partner's flood costs that partner, not the hub's memory or the
// other partners' service.
//
// Before anything else it refuses a client certificate on the revocation
// list (CheckPeerCertificate, certificate_gate.h) with UNAUTHENTICATED.
//
// The gate sits in front of every handler as the server credentials'
// AuthMetadataProcessor (MetadataProcessor()), which gRPC runs for every
// call before the call reaches a service. Long-lived streams (Watch,
// Subscribe) also take a slot through OpenStream (see StreamSet) and give
// it back when they end.
//
// The request rate is a token bucket per partner, shared by all of its
// connections: `request_burst` calls at once, refilled at
// `requests_per_second`.
//
// Thread-safety: all methods may be called from any thread.
#ifndef ROSA_HUB_SERVER_PARTNER_GATE_H_
#define ROSA_HUB_SERVER_PARTNER_GATE_H_

#include <grpcpp/security/auth_context.h>
#include <grpcpp/security/auth_metadata_processor.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/common/token_buckets.h"
#include "hub/partner/partner_registry.h"
#include "hub/pki/revocation_list.h"
#include "hub/pki/serial_cache.h"

namespace rosa {

// What one partner may use, over all its connections. The defaults are
// generous for partners' systems and ROSA's tools; HubOptions carries them
// and `rosa-hub serve` sets them from flags (see the README).
struct PartnerLimits {
  // Sustained calls per second.
  double requests_per_second = 200;
  // Calls that may arrive at once after a quiet while.
  int request_burst = 1000;
  // Open Watch and Subscribe streams.
  int max_open_streams = 100;
};

class PartnerGate {
 public:
  // REQUIRES: registry, clock and `revoked` (null: no revocation check)
  // outlive the gate; limits are positive.
  PartnerGate(const PartnerRegistry* registry, const Clock* clock,
              PartnerLimits limits, pki::RevocationList* revoked = nullptr);

  // The calling partner, admitted: errors as IdentifyPartner, then
  // RESOURCE_EXHAUSTED when the partner is over its request rate.
  absl::StatusOr<const Partner*> AdmitCall(const grpc::AuthContext& auth);

  // Takes one of `partner`'s stream slots; RESOURCE_EXHAUSTED when all are
  // taken. Every OK must be matched by one CloseStream.
  absl::Status OpenStream(const std::string& partner);
  void CloseStream(const std::string& partner);
  // Partner id -> open streams, for the metrics (partners with none are
  // left out).
  std::map<std::string, int> OpenStreams() const;

  // Runs AdmitCall on every call, before any service sees it; set it on
  // the server credentials. Shares ownership of nothing: the gate must
  // outlive the server.
  std::shared_ptr<grpc::AuthMetadataProcessor> MetadataProcessor();

 private:
  const PartnerRegistry* const registry_;
  const PartnerLimits limits_;
  pki::RevocationList* const revoked_;
  // The serial of each client certificate already read (thread-safe).
  pki::SerialCache serials_;

  // Each partner's calls, keyed by registered partner id only, so it
  // stays small.
  TokenBuckets calls_;

  mutable std::mutex mu_;
  std::map<std::string, int> open_streams_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_PARTNER_GATE_H_
