// The one shape of every idempotent command: on the store's writer, in one
// transaction, return the response recorded under the idempotency key if
// there is one, else run the command, which records its response under the
// key itself (store::RecordIdempotentResponse), or chooses not to when it
// changed nothing. `done` gets the response, or the error, after the commit.
// Thread-safety: may be called from any thread; `apply`, `on_replay` and
// `done` run on the writer thread and must not block.
#ifndef ROSA_HUB_STORE_IDEMPOTENT_WRITE_H_
#define ROSA_HUB_STORE_IDEMPOTENT_WRITE_H_

#include <functional>
#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/common/status_macros.h"
#include "hub/store/group_commit_writer.h"
#include "hub/store/idempotency.h"

namespace rosa::store {

template <typename Response>
using IdempotentApply =
    std::function<absl::Status(WriteTxn&, const IdempotencyKey&, Response&)>;

// Adjusts a replayed response before it is returned, in the transaction
// (for instance to put back free text the stored response leaves out).
template <typename Response>
using ReplayFix = std::function<absl::Status(WriteTxn&, Response&)>;

// Inside a running write operation: the response recorded under `key`, or
// else what `apply` makes. For commands applied several to one transaction
// (a partner payload, all-or-nothing). `on_replay`, if set, adjusts a
// replayed response before it is returned; a replay counts in
// txn.replays().
template <typename Response>
absl::StatusOr<Response> ApplyIdempotent(
    WriteTxn& txn, const IdempotencyKey& key,
    const IdempotentApply<Response>& apply,
    const ReplayFix<Response>& on_replay = nullptr) {
  Response result;
  ASSIGN_OR_RETURN(auto prior, FindIdempotentResponse(txn.conn(), key));
  if (prior.has_value()) {
    if (!result.ParseFromString(*prior)) {
      return absl::DataLossError("stored idempotent response does not parse");
    }
    if (on_replay) RETURN_IF_ERROR(on_replay(txn, result));
    txn.CountReplay();
    return result;
  }
  RETURN_IF_ERROR(apply(txn, key, result));
  return result;
}

// On the writer, as one operation of its own.
template <typename Response>
void SubmitIdempotent(GroupCommitWriter& writer, IdempotencyKey key,
                      IdempotentApply<Response> apply, absl::Time deadline,
                      std::function<void(absl::StatusOr<Response>)> done,
                      ReplayFix<Response> on_replay = nullptr) {
  auto result = std::make_shared<Response>();
  auto apply_once = [key = std::move(key), apply = std::move(apply),
                     on_replay = std::move(on_replay),
                     result](WriteTxn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(*result, ApplyIdempotent(txn, key, apply, on_replay));
    return absl::OkStatus();
  };
  writer.Submit(WriteOp{std::move(apply_once),
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

#endif  // ROSA_HUB_STORE_IDEMPOTENT_WRITE_H_
