#include "tests/reliability/api_dispatch.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <type_traits>
#include <utility>

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

// The request and answer types of a desk's member function that serves a
// unary rpc: it calls back with the answer, given the call's deadline or
// not, or returns the answer (PluginAdminDesk). Declared only: for decltype.
template <typename D, typename Req, typename Resp>
std::pair<Req, Resp> RpcTypes(
    void (D::*)(const Partner&, const Req&, absl::Time,
                std::function<void(absl::StatusOr<Resp>)>));
template <typename D, typename Req, typename Resp>
std::pair<Req, Resp> RpcTypes(void (D::*)(
    const Partner&, const Req&, std::function<void(absl::StatusOr<Resp>)>));
template <typename D, typename Req, typename Resp>
std::pair<Req, Resp> RpcTypes(absl::StatusOr<Resp> (D::*)(const Partner&,
                                                          const Req&));
template <typename D, typename Req, typename Resp>
std::pair<Req, Resp> RpcTypes(absl::StatusOr<Resp> (D::*)(const Partner&,
                                                          const Req&) const);

// The rpc that kMethod of the rig's desk `(rig.*kDesk)()` serves.
template <auto kDesk, auto kMethod>
std::pair<std::string, Call> DeskEntry() {
  using Types = decltype(RpcTypes(kMethod));
  using Req = typename Types::first_type;
  return Entry<Req, typename Types::second_type>([](HubRig& g, const Partner& c,
                                                    const Req& r, absl::Time d,
                                                    auto done) {
    auto& desk = (g.*kDesk)();
    using Desk = decltype(desk);
    using Done = decltype(done);
    if constexpr (std::is_invocable_v<decltype(kMethod), Desk, const Partner&,
                                      const Req&, absl::Time, Done>) {
      (desk.*kMethod)(c, r, d, done);
    } else if constexpr (std::is_invocable_v<decltype(kMethod), Desk,
                                             const Partner&, const Req&,
                                             Done>) {
      (desk.*kMethod)(c, r, done);
    } else {
      done((desk.*kMethod)(c, r));
    }
  });
}

// Adds to `table` the rpcs that kMethods of the rig's desk serve.
template <auto kDesk, auto... kMethods>
void AddDesk(std::map<std::string, Call>& table) {
  (table.insert(DeskEntry<kDesk, kMethods>()), ...);
}

// The Watch stream's start: the first page the stream would send
// (event_service.cc reads it the same way), checked by CheckWatchPage
// (stream_pages.h): cursors after the one asked for, rising by one, none
// with from_now. The answer is the page's last event (an empty Event for
// none); a page that breaks this is INTERNAL, which the fuzzer reports.
std::pair<std::string, Call> WatchEntry() {
  return Entry<v1::WatchRequest, v1::Event>(
      [](HubRig& g, auto& c, auto& r, auto, auto done) {
        ReadOutboxPage(&g.db().readers(), &g.content(), c.id, r.after_cursor(),
                       r.from_now(),
                       [&r, done](absl::StatusOr<OutboxPage<v1::Event>> page) {
                         if (!page.ok()) return done(page.status());
                         done(CheckWatchPage(r, *page));
                       });
      });
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
        auto identity_text = [&g](const std::string& person_id) {
          std::string text;
          g.db()
              .readers()
              .RunAndWait([&](store::Connection& conn) {
                auto p = g.vault().Load(conn, person_id);
                if (p.ok()) text = p->identity().SerializeAsString();
                return absl::OkStatus();
              })
              .IgnoreError();
          return text;
        };
        auto last = CheckSubscribePage(c, r, *events, *encoded,
                                       *g.shared().plugins, identity_text);
        if (!last.ok()) return last.status();
        return std::unique_ptr<Message>(new v1::EncodedEvent(*std::move(last)));
      }};
}

const std::map<std::string, Call>& Table() {
  static const auto* table = [] {
    auto* t = new std::map<std::string, Call>;
    AddDesk<&HubRig::referrals, &ReferralDesk::Submit, &ReferralDesk::Get,
            &ReferralDesk::List, &ReferralDesk::UpdateStatus,
            &ReferralDesk::UpdateAssistedReturn>(*t);
    AddDesk<&HubRig::persons, &PersonDesk::Register, &PersonDesk::Read,
            &PersonDesk::Erase, &PersonDesk::GetAccessExtract>(*t);
    AddDesk<&HubRig::consents, &ConsentDesk::Give, &ConsentDesk::Withdraw,
            &ConsentDesk::List>(*t);
    AddDesk<&HubRig::handoffs, &HandoffDesk::Create, &HandoffDesk::RecordEvent,
            &HandoffDesk::Get, &HandoffDesk::List>(*t);
    AddDesk<&HubRig::placement, &PlacementDesk::ReportCapacity,
            &PlacementDesk::ListAvailability, &PlacementDesk::FindPlaces,
            &PlacementDesk::GetHold>(*t);
    AddDesk<&HubRig::inquiries, &InquiryDesk::RecordInquiry,
            &InquiryDesk::List>(*t);
    AddDesk<&HubRig::ingest, &IngestDesk::Ingest>(*t);
    AddDesk<&HubRig::journal, &JournalDesk::Record, &JournalDesk::List>(*t);
    AddDesk<&HubRig::report, &ReportDesk::GetAnnualReport>(*t);
    AddDesk<&HubRig::audit, &audit::AuditDesk::GetCheckpoint,
            &audit::AuditDesk::GetInclusionProof,
            &audit::AuditDesk::GetConsistencyProof,
            &audit::AuditDesk::GetEntries, &audit::AuditDesk::VerifyLog>(*t);
    // PluginAdmin (ROSA lists and reloads the rig's real plugins).
    AddDesk<&HubRig::plugin_admin, &PluginAdminDesk::List,
            &PluginAdminDesk::Reload>(*t);
    t->insert(WatchEntry());
    t->insert(SubscribeEntry());
    return t;
  }();
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
