// The answer to a refused payload, as every transport carries it: a status
// whose code says why, whose message names the first few failures, and
// whose details (kErrorDetailsPayloadUrl) are an IngestResponse with the
// outcome of each record.
//
// The details travel in gRPC's trailers, and a client refuses trailers
// over its metadata limit (8 KiB by default): the partner would then learn
// nothing of what was wrong. So the details are kept to kMaxDetailsBytes:
// each text cut to a length that names a record, a field and a reason, then
// the rejected records first, then those not applied, then the warnings,
// as many as fit, and one last outcome saying how many are not listed.
//
// Thread-safety: pure functions.
#ifndef ROSA_HUB_EXCHANGE_INGEST_ANSWER_H_
#define ROSA_HUB_EXCHANGE_INGEST_ANSWER_H_

#include <cstddef>

#include "absl/status/status.h"
#include "rosa/hub/v1/gateway_service.pb.h"

namespace rosa {

inline constexpr size_t kMaxDetailsBytes = 4 * 1024;

// `response` cut to at most `max_bytes` serialized, as described above.
// REQUIRES: max_bytes >= 512.
rosa::hub::v1::IngestResponse FitDetails(
    const rosa::hub::v1::IngestResponse& response,
    size_t max_bytes = kMaxDetailsBytes);

// The refusal: `code`, "payload rejected, nothing applied: " and the first
// five rejected records (each cut to 200 bytes), and FitDetails(response)
// as details.
absl::Status RejectedPayload(absl::StatusCode code,
                             const rosa::hub::v1::IngestResponse& response);

}  // namespace rosa

#endif  // ROSA_HUB_EXCHANGE_INGEST_ANSWER_H_
