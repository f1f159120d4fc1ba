#include "hub/audit/audit_desk.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hub/audit/audit_access.h"
#include "hub/audit/audit_log.h"
#include "spdlog/spdlog.h"

namespace rosa::audit {
namespace {

namespace v1 = rosa::hub::v1;

constexpr int kDefaultEntries = 100;
constexpr int kMaxEntries = 1000;

// Refuses anyone but the coordinator, then runs `work(conn)` on a reader
// thread and passes its result to `done`.
template <typename Response, typename Work>
void Serve(store::ReadPool& readers, const Partner& caller,
           AuditDesk::Done<Response> done, Work work) {
  if (absl::Status allowed = CheckAuditReader(caller); !allowed.ok()) {
    done(std::move(allowed));
    return;
  }
  readers.Submit([done = std::move(done), work = std::move(work)](
                     store::Connection& conn) { done(work(conn)); });
}

}  // namespace

void AuditDesk::GetCheckpoint(const Partner& caller,
                              const v1::GetCheckpointRequest&,
                              Done<v1::SignedCheckpoint> done) {
  Serve(*readers_, caller, std::move(done),
        [keeper = keeper_](store::Connection& conn) {
          return keeper->SignCheckpoint(conn);
        });
}

void AuditDesk::GetInclusionProof(const Partner& caller,
                                  const v1::GetInclusionProofRequest& request,
                                  Done<v1::ProofResponse> done) {
  Serve(*readers_, caller, std::move(done),
        [keeper = keeper_, index = request.index(),
         size = request.tree_size()](store::Connection& conn) {
          return keeper->InclusionProof(conn, index, size);
        });
}

void AuditDesk::GetConsistencyProof(
    const Partner& caller, const v1::GetConsistencyProofRequest& request,
    Done<v1::ProofResponse> done) {
  Serve(*readers_, caller, std::move(done),
        [keeper = keeper_, old_size = request.old_size(),
         new_size = request.new_size()](store::Connection& conn) {
          return keeper->ConsistencyProof(conn, old_size, new_size);
        });
}

void AuditDesk::GetEntries(const Partner& caller,
                           const v1::GetEntriesRequest& request,
                           Done<v1::GetEntriesResponse> done) {
  const int count = request.count() == 0 ? kDefaultEntries : request.count();
  Serve(*readers_, caller, std::move(done),
        [start = request.start(), count](
            store::Connection& conn) -> absl::StatusOr<v1::GetEntriesResponse> {
          if (count < 1 || count > kMaxEntries) {
            return absl::InvalidArgumentError(
                absl::StrCat("count: must be 1 to ", kMaxEntries, " (0 means ",
                             kDefaultEntries, ")"));
          }
          absl::StatusOr<std::vector<v1::AuditEntry>> entries =
              ReadAuditEntries(conn, start, count);
          if (!entries.ok()) return entries.status();
          v1::GetEntriesResponse out;
          for (v1::AuditEntry& entry : *entries) {
            *out.add_entries() = std::move(entry);
          }
          return out;
        });
}

void AuditDesk::VerifyLog(const Partner& caller,
                          const v1::VerifyLogRequest& request,
                          Done<v1::VerifyLogResponse> done) {
  Serve(*readers_, caller, std::move(done),
        [keeper = keeper_, has_checkpoint = request.has_checkpoint(),
         checkpoint = request.checkpoint()](
            store::Connection& conn) -> absl::StatusOr<v1::VerifyLogResponse> {
          if (!has_checkpoint) {
            return absl::InvalidArgumentError("checkpoint: required");
          }
          absl::StatusOr<v1::VerifyLogResponse> result =
              keeper->Verify(conn, checkpoint);
          if (result.ok() && !result->consistent()) {
            spdlog::warn("audit log verification failed: {}",
                         result->problem());
          }
          return result;
        });
}

}  // namespace rosa::audit
