#include "hub/server/audit_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "hub/audit/audit_access.h"
#include "hub/audit/audit_log.h"
#include "hub/server/grpc_status.h"
#include "hub/server/partner_identity.h"
#include "spdlog/spdlog.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

constexpr int kDefaultEntries = 100;
constexpr int kMaxEntries = 1000;

absl::Status CheckCoordinator(const absl::StatusOr<const Partner*>& partner) {
  if (!partner.ok()) return partner.status();
  return audit::CheckAuditReader(**partner);
}

// Identifies the caller, refuses anyone but the coordinator, then runs
// `work(conn)` on a reader thread and finishes the call with its result.
template <typename Response, typename Work>
grpc::ServerUnaryReactor* Serve(grpc::CallbackServerContext* context,
                                const PartnerRegistry& registry,
                                store::ReadPool& readers, const char* method,
                                Response* response, Work work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (absl::Status allowed =
          CheckCoordinator(IdentifyPartner(context->auth_context(), registry));
      !allowed.ok()) {
    reactor->Finish(ToGrpcStatus(allowed, method));
    return reactor;
  }
  readers.Submit([reactor, response, method,
                  work = std::move(work)](store::Connection& conn) {
    absl::StatusOr<Response> result = work(conn);
    if (result.ok()) *response = std::move(*result);
    reactor->Finish(ToGrpcStatus(result.status(), method));
  });
  return reactor;
}

}  // namespace

grpc::ServerUnaryReactor* AuditService::GetCheckpoint(
    grpc::CallbackServerContext* context, const v1::GetCheckpointRequest*,
    v1::SignedCheckpoint* response) {
  return Serve(context, *registry_, *readers_, "GetCheckpoint", response,
               [keeper = keeper_](store::Connection& conn) {
                 return keeper->SignCheckpoint(conn);
               });
}

grpc::ServerUnaryReactor* AuditService::GetInclusionProof(
    grpc::CallbackServerContext* context,
    const v1::GetInclusionProofRequest* request, v1::ProofResponse* response) {
  return Serve(context, *registry_, *readers_, "GetInclusionProof", response,
               [keeper = keeper_, index = request->index(),
                size = request->tree_size()](store::Connection& conn) {
                 return keeper->InclusionProof(conn, index, size);
               });
}

grpc::ServerUnaryReactor* AuditService::GetConsistencyProof(
    grpc::CallbackServerContext* context,
    const v1::GetConsistencyProofRequest* request,
    v1::ProofResponse* response) {
  return Serve(context, *registry_, *readers_, "GetConsistencyProof", response,
               [keeper = keeper_, old_size = request->old_size(),
                new_size = request->new_size()](store::Connection& conn) {
                 return keeper->ConsistencyProof(conn, old_size, new_size);
               });
}

grpc::ServerUnaryReactor* AuditService::GetEntries(
    grpc::CallbackServerContext* context, const v1::GetEntriesRequest* request,
    v1::GetEntriesResponse* response) {
  const int count = request->count() == 0 ? kDefaultEntries : request->count();
  return Serve(context, *registry_, *readers_, "GetEntries", response,
               [start = request->start(), count](store::Connection& conn)
                   -> absl::StatusOr<v1::GetEntriesResponse> {
                 if (count < 1 || count > kMaxEntries) {
                   return absl::InvalidArgumentError(
                       absl::StrCat("count: must be 1 to ", kMaxEntries,
                                    " (0 means ", kDefaultEntries, ")"));
                 }
                 absl::StatusOr<std::vector<v1::AuditEntry>> entries =
                     audit::ReadAuditEntries(conn, start, count);
                 if (!entries.ok()) return entries.status();
                 v1::GetEntriesResponse out;
                 for (v1::AuditEntry& entry : *entries) {
                   *out.add_entries() = std::move(entry);
                 }
                 return out;
               });
}

grpc::ServerUnaryReactor* AuditService::VerifyLog(
    grpc::CallbackServerContext* context, const v1::VerifyLogRequest* request,
    v1::VerifyLogResponse* response) {
  return Serve(
      context, *registry_, *readers_, "VerifyLog", response,
      [keeper = keeper_, request](
          store::Connection& conn) -> absl::StatusOr<v1::VerifyLogResponse> {
        if (!request->has_checkpoint()) {
          return absl::InvalidArgumentError("checkpoint: required");
        }
        absl::StatusOr<v1::VerifyLogResponse> result =
            keeper->Verify(conn, request->checkpoint());
        if (result.ok() && !result->consistent()) {
          spdlog::warn("audit log verification failed: {}", result->problem());
        }
        return result;
      });
}

}  // namespace rosa
