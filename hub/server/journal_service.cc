#include "hub/server/journal_service.h"

#include <utility>

#include "hub/server/grpc_status.h"
#include "hub/server/serve_unary.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

grpc::ServerUnaryReactor* JournalService::RecordJournalEntry(
    grpc::CallbackServerContext* context,
    const v1::RecordJournalEntryRequest* request, v1::JournalRecord* response) {
  return ServeUnary(context, *registry_, "RecordJournalEntry", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->Record(partner, *request,
                                    FromGrpcDeadline(context->deadline()),
                                    std::move(finish));
                    });
}

grpc::ServerUnaryReactor* JournalService::ListJournal(
    grpc::CallbackServerContext* context, const v1::ListJournalRequest* request,
    v1::ListJournalResponse* response) {
  return ServeUnary(context, *registry_, "ListJournal", response,
                    [&](const Partner& partner, auto finish) {
                      desk_->List(partner, *request,
                                  FromGrpcDeadline(context->deadline()),
                                  std::move(finish));
                    });
}

}  // namespace rosa
