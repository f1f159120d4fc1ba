// Helpers shared by the consent and person desks: the idempotent write that
// every command of theirs is, and the checks of request fields that every
// command has.
// Thread-safety: SubmitIdempotentWrite may be called from any thread; the
// functions it is given run on the writer thread.
#ifndef ROSA_HUB_CONSENT_DESK_SUPPORT_H_
#define ROSA_HUB_CONSENT_DESK_SUPPORT_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/time_util.h"
#include "google/protobuf/timestamp.pb.h"
#include "hub/common/clock.h"
#include "hub/common/status_macros.h"
#include "hub/common/timestamp_check.h"
#include "hub/consent/pseudonym.h"
#include "hub/store/group_commit_writer.h"
#include "hub/store/idempotency.h"
#include "hub/store/idempotent_write.h"

namespace rosa {

// INVALID_ARGUMENT unless `id` looks like a person id ("P-" and 10 capitals
// or digits).
inline absl::Status CheckPersonId(std::string_view id) {
  if (IsPseudonym(id, "P-")) return absl::OkStatus();
  return absl::InvalidArgumentError(
      "person_id: must be \"P-\" and 10 capital letters or digits");
}

// Queues `apply` on `writer` as one idempotent command. The first time
// `key` is seen, `apply(txn, now, &response)` runs and `response` is stored
// under the key in the same transaction; a retry with the same key and
// request gets the stored response without running `apply`; the same key
// with another request is ALREADY_EXISTS. `done` gets the response (or the
// error) after the commit. The stored response must hold no personal data.
template <typename Response>
void SubmitIdempotentWrite(
    store::GroupCommitWriter& writer, store::IdempotencyKey key,
    const Clock* clock, absl::Time deadline,
    std::function<absl::Status(store::WriteTxn&, absl::Time, Response*)> apply,
    std::function<void(absl::StatusOr<Response>)> done) {
  store::SubmitIdempotent<Response>(
      writer, std::move(key),
      [clock, apply = std::move(apply)](store::WriteTxn& txn,
                                        const store::IdempotencyKey& key,
                                        Response& response) -> absl::Status {
        const absl::Time now = clock->Now();
        RETURN_IF_ERROR(apply(txn, now, &response));
        return store::RecordIdempotentResponse(
            txn.conn(), key, response.SerializeAsString(), now);
      },
      deadline, std::move(done));
}

}  // namespace rosa

#endif  // ROSA_HUB_CONSENT_DESK_SUPPORT_H_
