// PartnerGateway as a partner's own system would call it, over the
// partner's mutual-TLS channel (partner_channel.h): send one payload in the
// partner's format (Ingest) and read what the hub has for the partner,
// encoded by its plugin (Subscribe). Used by `rosa-hub client ingest` and
// `rosa-hub client subscribe`, so that a partner's IT staff can try their
// format without writing a client.
//
// Example:
//   IngestResult r = IngestPayload(channel, "", bytes, absl::Seconds(30));
//   for (const auto& o : r.response.records()) std::cout << OutcomeLine(o);
//
// Thread-safety: thread-safe; each call makes its own stub.
#ifndef ROSA_HUB_CLIENT_GATEWAY_CLIENT_H_
#define ROSA_HUB_CLIENT_GATEWAY_CLIENT_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "rosa/hub/v1/gateway_service.pb.h"

namespace rosa {

struct IngestResult {
  // OK when the whole payload was applied (or applied before).
  absl::Status status;
  // Every record's outcome: the answer, or for a rejected payload the
  // IngestResponse in the error's details. Empty when the hub sent none
  // (the call itself failed, or the content type was refused).
  rosa::hub::v1::IngestResponse response;
};

// Sends `payload` as `content_type` (empty: the one the partner's plugin
// reads, if it reads one).
IngestResult IngestPayload(const std::shared_ptr<grpc::Channel>& channel,
                           const std::string& content_type,
                           const std::string& payload, absl::Duration timeout);

// "line 2: REJECTED: ledige: must be at most kapasitet", or
// "item 1: APPLIED R-2026-000123": one line per record outcome.
std::string OutcomeLine(const rosa::hub::v1::RecordOutcome& outcome);

// Reads the partner's encoded events after `after_cursor`, calling
// `on_event` for each, until `on_event` returns false or `duration` has
// passed (then OK; zero: no time limit), or the hub ends the stream (its
// status).
absl::Status SubscribeEncoded(
    const std::shared_ptr<grpc::Channel>& channel, uint64_t after_cursor,
    absl::Duration duration,
    const std::function<bool(const rosa::hub::v1::EncodedEvent&)>& on_event);

}  // namespace rosa

#endif  // ROSA_HUB_CLIENT_GATEWAY_CLIENT_H_
