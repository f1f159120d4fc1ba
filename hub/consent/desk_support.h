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
#include "hub/common/request_formats.h"
#include "hub/common/status_macros.h"
#include "hub/consent/pseudonym.h"
#include "hub/store/group_commit_writer.h"
#include "hub/store/idempotency.h"
#include "hub/store/idempotent_write.h"

namespace rosa {

// INVALID_ARGUMENT unless `key` is 1 to 128 printable ASCII characters.
inline absl::Status CheckIdempotencyKey(std::string_view key) {
  if (IsValidIdempotencyKey(key)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      "idempotency_key: must be 1 to 128 printable ASCII characters");
}

// How far in the future a client's clock may be before a time it sends
// counts as "in the future".
inline constexpr absl::Duration kMaxClientClockSkew = absl::Minutes(5);

// INVALID_ARGUMENT unless `ts` is a valid timestamp not after `now` (give
// or take kMaxClientClockSkew). Names `field`, never the value.
inline absl::Status CheckNotInFuture(std::string_view field,
                                     const google::protobuf::Timestamp& ts,
                                     absl::Time now) {
  // 0001-01-01 to 9999-12-31, as google.protobuf.Timestamp allows.
  if (ts.seconds() < -62135596800 || ts.seconds() > 253402300799 ||
      ts.nanos() < 0 || ts.nanos() > 999999999) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(field), ": not a valid timestamp"));
  }
  if (FromProtoTime(ts) > now + kMaxClientClockSkew) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(field), ": must not be in the future"));
  }
  return absl::OkStatus();
}

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
