// The plumbing of a command that exists as a plain in-transaction function
// `absl::StatusOr<Response> ApplyX(WriteTxn&, const Partner&, const Request&)`
// (called by the partner gateway, several to one transaction) and as an
// asynchronous RPC method that is a thin wrapper around it:
//
//   ApplyKeyed          in ApplyX: idempotent when the request has a key
//                       (store::ApplyIdempotent), applied once otherwise;
//   RecordKeyedResponse in the command's body: records its response under
//                       the key, if there is one;
//   SubmitApply         in the RPC method: runs ApplyX as one write
//                       operation of its own and answers after the commit.
//
// Thread-safety: SubmitApply may be called from any thread; `apply`,
// `on_replay` and `done` run on the writer thread and must not block.
#ifndef ROSA_HUB_STORE_APPLY_COMMAND_H_
#define ROSA_HUB_STORE_APPLY_COMMAND_H_

#include <functional>
#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "hub/common/status_macros.h"
#include "hub/store/group_commit_writer.h"
#include "hub/store/idempotency.h"
#include "hub/store/idempotent_write.h"

namespace rosa::store {

// Inside a running write operation: with `key.key` set, the response
// recorded under it or else what `apply` makes (ApplyIdempotent); with an
// empty key, what `apply` makes, recorded nowhere. A command without a key
// is applied every time it is given: the caller (the gateway, which applies
// a payload exactly once) answers for not repeating it.
template <typename Response>
absl::StatusOr<Response> ApplyKeyed(
    WriteTxn& txn, const IdempotencyKey& key,
    const IdempotentApply<Response>& apply,
    const ReplayFix<Response>& on_replay = nullptr) {
  if (!key.key.empty()) return ApplyIdempotent(txn, key, apply, on_replay);
  Response result;
  RETURN_IF_ERROR(apply(txn, key, result));
  return result;
}

// Records `response` under `key` (RecordIdempotentResponse) if `key.key` is
// set. The stored response must hold no personal data and no free text
// about a person (leave it out, and put it back with a ReplayFix).
inline absl::Status RecordKeyedResponse(
    Connection& conn, const IdempotencyKey& key,
    const google::protobuf::Message& response, absl::Time now) {
  if (key.key.empty()) return absl::OkStatus();
  return RecordIdempotentResponse(conn, key, response.SerializeAsString(), now);
}

// Queues `apply` on `writer` as one operation of its own; `done` gets its
// result after the commit, or its error (or the writer's) after the
// rollback.
template <typename Response>
void SubmitApply(GroupCommitWriter& writer,
                 std::function<absl::StatusOr<Response>(WriteTxn&)> apply,
                 absl::Time deadline,
                 std::function<void(absl::StatusOr<Response>)> done) {
  auto result = std::make_shared<Response>();
  writer.Submit(WriteOp{
      [apply = std::move(apply), result](WriteTxn& txn) -> absl::Status {
        ASSIGN_OR_RETURN(*result, apply(txn));
        return absl::OkStatus();
      },
      [result, done = std::move(done)](absl::Status status) {
        if (!status.ok()) {
          done(status);
        } else {
          done(std::move(*result));
        }
      },
      deadline});
}

}  // namespace rosa::store

#endif  // ROSA_HUB_STORE_APPLY_COMMAND_H_
