// rosa.hub.v1.JournalService on gRPC's callback API: identifies the caller
// from its certificate, hands the request to the JournalDesk, and finishes
// the call when the desk answers. Reactors never block.
// Thread-safety: gRPC calls the methods from its own threads concurrently.
#ifndef ROSA_HUB_SERVER_JOURNAL_SERVICE_H_
#define ROSA_HUB_SERVER_JOURNAL_SERVICE_H_

#include "hub/journal/journal_desk.h"
#include "hub/partner/partner_registry.h"
#include "rosa/hub/v1/journal_service.grpc.pb.h"

namespace rosa {

class JournalService final
    : public rosa::hub::v1::JournalService::CallbackService {
 public:
  // REQUIRES: both outlive the service.
  JournalService(const PartnerRegistry* registry, JournalDesk* desk)
      : registry_(registry), desk_(desk) {}

  grpc::ServerUnaryReactor* RecordJournalEntry(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::RecordJournalEntryRequest* request,
      rosa::hub::v1::JournalRecord* response) override;
  grpc::ServerUnaryReactor* ListJournal(
      grpc::CallbackServerContext* context,
      const rosa::hub::v1::ListJournalRequest* request,
      rosa::hub::v1::ListJournalResponse* response) override;

 private:
  const PartnerRegistry* registry_;
  JournalDesk* desk_;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_JOURNAL_SERVICE_H_
