#include "tests/reliability/api_dispatch.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "hub/exchange/subscribe_page.h"
#include "hub/outbox/outbox_page.h"
#include "rosa/hub/v1/audit_service.pb.h"
#include "rosa/hub/v1/consent_service.pb.h"
#include "rosa/hub/v1/event_service.pb.h"
#include "rosa/hub/v1/gateway_service.pb.h"
#include "rosa/hub/v1/handoff_service.pb.h"
#include "rosa/hub/v1/inquiry_service.pb.h"
#include "rosa/hub/v1/journal_service.pb.h"
#include "rosa/hub/v1/person_service.pb.h"
#include "rosa/hub/v1/placement_service.pb.h"
#include "rosa/hub/v1/plugin_admin_service.pb.h"
#include "rosa/hub/v1/referral_service.pb.h"
#include "rosa/hub/v1/report_service.pb.h"
#include "tests/reliability/stream_pages.h"

namespace rosa::reliability {
namespace {

namespace v1 = rosa::hub::v1;
using google::protobuf::Message;
using Answer = absl::StatusOr<std::unique_ptr<Message>>;
using Call =
    std::function<Answer(HubRig&, const Partner&, const Message&, absl::Time)>;

// Runs a desk call and boxes its answer.
template <typename T, typename Fn>
Answer Box(Fn fn) {
  absl::StatusOr<T> r = Await<T>(fn);
  if (!r.ok()) return r.status();
  return std::unique_ptr<Message>(new T(*std::move(r)));
}

// `fn(rig, caller, request, deadline, done)` for request type Req.
template <typename Req, typename Resp, typename Fn>
std::pair<std::string, Call> Entry(Fn fn) {
  return {Req::descriptor()->full_name(),
          [fn](HubRig& rig, const Partner& caller, const Message& m,
               absl::Time deadline) {
            const Req& req = static_cast<const Req&>(m);
            return Box<Resp>(
                [&](auto done) { fn(rig, caller, req, deadline, done); });
          }};
}

// The gateway's Subscribe stream's start: the first page the stream would
// send (ReadSubscribePage, which the gRPC stream reads its pages with),
// checked against the caller's outbox page after the same cursor
// (stream_pages.h). The answer is the page's last encoded event.
std::pair<std::string, Call> SubscribeEntry() {
  return {
      v1::SubscribeRequest::descriptor()->full_name(),
      [](HubRig& g, const Partner& c, const Message& m, absl::Time) -> Answer {
        const auto& r = static_cast<const v1::SubscribeRequest&>(m);
        auto encoded = Await<OutboxPage<v1::EncodedEvent>>([&](auto done) {
          ReadSubscribePage(&g.db().readers(), &g.content(), &g.renderer(), c,
                            r.after_cursor(),
                            /*from_now=*/false, done);
        });
        if (!encoded.ok()) return encoded.status();
        auto events = Await<OutboxPage<v1::Event>>([&](auto done) {
          ReadOutboxPage(&g.db().readers(), &g.content(), c.id,
                         r.after_cursor(),
                         /*from_now=*/false, done);
        });
        if (!events.ok()) return events.status();
        auto last =
            CheckSubscribePage(c, r, *events, *encoded, *g.shared().plugins);
        if (!last.ok()) return last.status();
        return std::unique_ptr<Message>(new v1::EncodedEvent(*std::move(last)));
      }};
}

const std::map<std::string, Call>& Table() {
  static const auto* table = new std::map<std::string, Call>{
      Entry<v1::SubmitReferralRequest, v1::SubmitReferralResponse>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.referrals().Submit(c, r, d, done);
          }),
      Entry<v1::GetReferralRequest, v1::Referral>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            g.referrals().Get(c, r, done);
          }),
      Entry<v1::ListReferralsRequest, v1::ListReferralsResponse>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            g.referrals().List(c, r, done);
          }),
      Entry<v1::UpdateReferralStatusRequest, v1::Referral>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.referrals().UpdateStatus(c, r, d, done);
          }),
      Entry<v1::UpdateAssistedReturnRequest, v1::Referral>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.referrals().UpdateAssistedReturn(c, r, d, done);
          }),
      Entry<v1::RegisterPersonRequest, v1::Person>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.persons().Register(c, r, d, done);
          }),
      Entry<v1::ReadPersonRequest, v1::Person>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.persons().Read(c, r, d, done);
          }),
      Entry<v1::ErasePersonRequest, v1::ErasePersonResponse>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.persons().Erase(c, r, d, done);
          }),
      Entry<v1::GetAccessExtractRequest, v1::AccessExtract>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            g.persons().GetAccessExtract(c, r, done);
          }),
      Entry<v1::GiveConsentRequest, v1::Consent>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.consents().Give(c, r, d, done);
          }),
      Entry<v1::WithdrawConsentRequest, v1::Consent>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.consents().Withdraw(c, r, d, done);
          }),
      Entry<v1::ListConsentsRequest, v1::ListConsentsResponse>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            g.consents().List(c, r, done);
          }),
      Entry<v1::CreateHandoffRequest, v1::Handoff>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.handoffs().Create(c, r, d, done);
          }),
      Entry<v1::RecordHandoffEventRequest, v1::Handoff>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.handoffs().RecordEvent(c, r, d, done);
          }),
      Entry<v1::GetHandoffRequest, v1::Handoff>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.handoffs().Get(c, r, d, done);
          }),
      Entry<v1::ListHandoffsRequest, v1::ListHandoffsResponse>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.handoffs().List(c, r, d, done);
          }),
      Entry<v1::ReportCapacityRequest, v1::ReportCapacityResponse>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.placement().ReportCapacity(c, r, d, done);
          }),
      Entry<v1::ListAvailabilityRequest, v1::ListAvailabilityResponse>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            g.placement().ListAvailability(c, r, done);
          }),
      Entry<v1::FindPlacesRequest, v1::FindPlacesResponse>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            g.placement().FindPlaces(c, r, done);
          }),
      Entry<v1::GetHoldRequest, v1::PlaceHold>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            g.placement().GetHold(c, r, done);
          }),
      Entry<v1::RecordInquiryRequest, v1::HotlineInquiry>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.inquiries().RecordInquiry(c, r, d, done);
          }),
      Entry<v1::ListInquiriesRequest, v1::ListInquiriesResponse>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            g.inquiries().List(c, r, done);
          }),
      Entry<v1::IngestRequest, v1::IngestResponse>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.ingest().Ingest(c, r, d, done);
          }),
      Entry<v1::RecordJournalEntryRequest, v1::JournalRecord>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.journal().Record(c, r, d, done);
          }),
      Entry<v1::ListJournalRequest, v1::ListJournalResponse>(
          [](HubRig& g, auto& c, auto& r, auto d, auto done) {
            g.journal().List(c, r, d, done);
          }),
      Entry<v1::GetAnnualReportRequest, v1::AnnualReport>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            g.report().GetAnnualReport(c, r, done);
          }),
      Entry<v1::GetCheckpointRequest, v1::SignedCheckpoint>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            g.audit().GetCheckpoint(c, r, done);
          }),
      Entry<v1::GetInclusionProofRequest, v1::ProofResponse>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            g.audit().GetInclusionProof(c, r, done);
          }),
      Entry<v1::GetConsistencyProofRequest, v1::ProofResponse>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            g.audit().GetConsistencyProof(c, r, done);
          }),
      Entry<v1::GetEntriesRequest, v1::GetEntriesResponse>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            g.audit().GetEntries(c, r, done);
          }),
      Entry<v1::VerifyLogRequest, v1::VerifyLogResponse>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            g.audit().VerifyLog(c, r, done);
          }),
      // The Watch stream's start: the first page the stream would send
      // (event_service.cc reads it the same way), checked by CheckWatchPage
      // (stream_pages.h): cursors after the one asked for, rising by one,
      // none with from_now. The answer is the page's last event (an empty
      // Event for none); a page that breaks this is INTERNAL, which the
      // fuzzer reports.
      Entry<v1::WatchRequest, v1::Event>([](HubRig& g, auto& c, auto& r, auto,
                                            auto done) {
        ReadOutboxPage(&g.db().readers(), &g.content(), c.id, r.after_cursor(),
                       r.from_now(),
                       [&r, done](absl::StatusOr<OutboxPage<v1::Event>> page) {
                         if (!page.ok()) return done(page.status());
                         done(CheckWatchPage(r, *page));
                       });
      }),
      // PluginAdmin (ROSA lists and reloads the rig's real plugins).
      Entry<v1::ListPluginsRequest, v1::ListPluginsResponse>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            done(g.plugin_admin().List(c, r));
          }),
      Entry<v1::ReloadPluginRequest, v1::LoadedPlugin>(
          [](HubRig& g, auto& c, auto& r, auto, auto done) {
            done(g.plugin_admin().Reload(c, r));
          }),
      SubscribeEntry(),
  };
  return *table;
}

}  // namespace

std::vector<std::string> DispatchedRequestTypes() {
  std::vector<std::string> out;
  for (const auto& [type, call] : Table()) out.push_back(type);
  return out;
}

std::vector<std::string> NotDispatched() {
  std::vector<std::string> out;
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const auto& entry :
       std::filesystem::directory_iterator(ROSA_PROTO_DIR "/rosa/hub/v1")) {
    const std::string name = entry.path().filename().string();
    if (!absl::EndsWith(name, "_service.proto")) continue;
    const auto* file = pool->FindFileByName("rosa/hub/v1/" + name);
    if (file == nullptr) {
      out.push_back(name + " (not linked)");
      continue;
    }
    for (int s = 0; s < file->service_count(); ++s) {
      const auto* service = file->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        const auto* method = service->method(m);
        // A stream counts when its start request is served (Watch).
        if (!Table().count(method->input_type()->full_name())) {
          out.push_back(absl::StrCat(service->name(), ".", method->name(), " (",
                                     method->input_type()->name(), ")"));
        }
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::unique_ptr<Message> NewRequest(const std::string& type) {
  const auto* d =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
          type);
  if (d == nullptr) return nullptr;
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(d);
  return std::unique_ptr<Message>(prototype->New());
}

absl::StatusOr<std::unique_ptr<Message>> Dispatch(HubRig& rig,
                                                  const Partner& caller,
                                                  const Message& request) {
  auto it = Table().find(request.GetDescriptor()->full_name());
  if (it == Table().end()) {
    return absl::UnimplementedError("no desk for this request type");
  }
  return it->second(rig, caller, request, absl::Now() + absl::Seconds(30));
}

}  // namespace rosa::reliability
