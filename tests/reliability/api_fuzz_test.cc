// The API as an attack surface (issue 14, point 5): random request messages
// built with protobuf reflection, valid by schema or mutated from accepted
// ones, for every request type of proto/ (api_dispatch.h), sent to the real
// desks on a real store with each partner as caller. No answer may be
// INTERNAL or UNKNOWN or repeat the request's free text, no accepted answer
// or refusal may break a rule of api_invariants.h (CheckAnswer,
// CheckRefusal), the writer must not fail, and after each batch the
// invariants of api_invariants.h and plugin_invariants.h must hold.
//
// Sizes (environment): ROSA_API_FUZZ_SECONDS (default 40),
// ROSA_API_FUZZ_BATCH (requests between checks, default 100),
// ROSA_API_FUZZ_SEED (default random; printed, and named in every failure).
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "common/time_util.h"
#include "gtest/gtest.h"
#include "rosa/hub/v1/audit_service.pb.h"
#include "rosa/hub/v1/consent_service.pb.h"
#include "rosa/hub/v1/event_service.pb.h"
#include "rosa/hub/v1/gateway_service.pb.h"
#include "rosa/hub/v1/handoff_service.pb.h"
#include "rosa/hub/v1/journal_service.pb.h"
#include "rosa/hub/v1/person.pb.h"
#include "rosa/hub/v1/plugin_admin_service.pb.h"
#include "rosa/hub/v1/report_service.pb.h"
#include "tests/reliability/api_dispatch.h"
#include "tests/reliability/api_invariants.h"
#include "tests/reliability/hub_rig.h"
#include "tests/reliability/plugin_invariants.h"
#include "tests/reliability/request_generator.h"
#include "tests/reliability/workload.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::reliability {
namespace {

namespace v1 = rosa::hub::v1;
using google::protobuf::Message;

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v ? std::strtoull(v, nullptr, 10) : fallback;
}

// A request the hub accepted (or that seeds the mutations), with its caller.
struct Accepted {
  std::string caller;
  std::unique_ptr<Message> request;
};

template <typename T>
Accepted Seed(const std::string& caller, const T& request) {
  return {caller, std::make_unique<T>(request)};
}

// The most requests kept per type to mutate from.
constexpr size_t kPoolSize = 32;

// Keeps `a` in `pool`: added while there is room, else in place of a random
// one, so that the pool follows what the hub accepts lately.
void Keep(std::vector<Accepted>& pool, Accepted a, std::mt19937_64& rng) {
  if (pool.size() < kPoolSize) {
    pool.push_back(std::move(a));
  } else {
    pool[rng() % pool.size()] = std::move(a);
  }
}

// The lawyer the handoff seeds go to.
constexpr char kSeedLawyer[] = "advokat-lund";

// A handoff to kSeedLawyer for the person of `give`, when `give` is that
// lawyer's consent (nothing otherwise): an erasure purges a person's
// handoffs, so every consent accepted later seeds new ones.
std::optional<Accepted> HandoffSeed(const v1::GiveConsentRequest& give,
                                    const std::string& key) {
  if (give.scope().partner_id() != kSeedLawyer) return std::nullopt;
  v1::CreateHandoffRequest h;
  h.set_idempotency_key("seed-handoff-" + key);
  h.set_lawyer(kSeedLawyer);
  h.set_person_id(give.person_id());
  h.set_case_summary("Identified by police; wants advice.");
  h.set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
  h.add_purposes(v1::COUNSELLING_PURPOSE_IDENTIFICATION);
  return Seed("rosa", h);
}

// The lawyer's consent for a person just registered, so that handoffs
// keep a living person to go to while the fuzzer erases others.
Accepted LawyerConsentSeed(const std::string& person_id,
                           const std::string& key) {
  v1::GiveConsentRequest give;
  give.set_idempotency_key("seed-consent-" + key);
  give.set_person_id(person_id);
  give.mutable_scope()->set_partner_id(kSeedLawyer);
  give.set_purpose(v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
  return Seed("rosa", give);
}

// The workload's acknowledged requests, and a handoff for each person with
// a lawyer's consent: valid starting points for the mutations.
std::vector<Accepted> SeedCorpus(const Ledger& ledger) {
  std::vector<Accepted> out;
  for (const Op& op : ledger.acked) {
    switch (op.kind) {
      case Op::Kind::kRegister:
        out.push_back(Seed(op.caller, op.reg));
        break;
      case Op::Kind::kErase:
        out.push_back(Seed(op.caller, op.erase));
        break;
      case Op::Kind::kGive: {
        out.push_back(Seed(op.caller, op.give));
        if (auto h = HandoffSeed(op.give, op.result_id)) {
          out.push_back(*std::move(h));
        }
        break;
      }
      case Op::Kind::kWithdraw:
        out.push_back(Seed(op.caller, op.withdraw));
        break;
      case Op::Kind::kSubmit:
        out.push_back(Seed(op.caller, op.submit));
        break;
      case Op::Kind::kUpdate:
        out.push_back(Seed(op.caller, op.update));
        break;
      case Op::Kind::kIngest:
        out.push_back(Seed(op.caller, op.ingest));
        break;
    }
  }
  return out;
}

// Valid reads and journal writes for ROSA's desks (journal, annual report,
// audit log, plugin admin) and the streams' starts, to mutate from: a
// journal entry and a read of it per registered person, this year's report
// in each edition, the audit reads with sizes the log has, the plugin list
// and a reload of each plugin, and for every partner a Watch from the
// start, from cursor 1 and from now, and a Subscribe from the start, from
// cursor 1 and from cursor 30.
std::vector<Accepted> DeskSeeds(const Ledger& ledger,
                                const std::vector<std::string>& partners,
                                const PluginHost& plugins, absl::Time now) {
  std::vector<Accepted> out;
  int n = 0;
  for (const Op& op : ledger.acked) {
    if (op.kind != Op::Kind::kRegister || n >= 8) continue;
    v1::RecordJournalEntryRequest j;
    j.set_idempotency_key(absl::StrCat("seed-journal-", ++n));
    j.mutable_record()->set_person_id(op.result_id);
    *j.mutable_record()->mutable_occurred_at() =
        ToProtoTime(now - absl::Hours(24 * n));
    if (n % 2 == 0) {
      j.mutable_record()->mutable_assistance_started();
    } else {
      j.mutable_record()->mutable_follow_up()->set_mode(
          v1::CONTACT_MODE_IN_PERSON);
    }
    out.push_back(Seed("rosa", j));
    v1::ListJournalRequest l;
    l.set_person_id(op.result_id);
    out.push_back(Seed("rosa", l));
  }
  for (int edition = 0; edition <= 2; ++edition) {
    v1::GetAnnualReportRequest r;
    r.set_year(absl::ToCivilYear(now, OsloTimeZone()).year());
    r.set_edition(static_cast<v1::ReportEdition>(edition));
    out.push_back(Seed("rosa", r));
  }
  out.push_back(Seed("rosa", v1::GetCheckpointRequest()));
  v1::GetEntriesRequest entries;
  entries.set_count(10);
  out.push_back(Seed("rosa", entries));
  v1::GetInclusionProofRequest inclusion;
  inclusion.set_index(0);
  inclusion.set_tree_size(2);
  out.push_back(Seed("rosa", inclusion));
  v1::GetConsistencyProofRequest consistency;
  consistency.set_old_size(1);
  consistency.set_new_size(3);
  out.push_back(Seed("rosa", consistency));
  if (ledger.checkpoint.has_value()) {
    v1::VerifyLogRequest verify;
    *verify.mutable_checkpoint() = *ledger.checkpoint;
    out.push_back(Seed("rosa", verify));
  }
  for (const std::string& p : partners) {
    v1::WatchRequest w;
    out.push_back(Seed(p, w));
    w.set_after_cursor(1);
    out.push_back(Seed(p, w));
    w.set_from_now(true);
    out.push_back(Seed(p, w));
    v1::SubscribeRequest sub;
    for (uint64_t after : {0, 1, 30}) {
      sub.set_after_cursor(after);
      out.push_back(Seed(p, sub));
    }
  }
  out.push_back(Seed("rosa", v1::ListPluginsRequest()));
  for (const PluginHost::Entry& e : plugins.List()) {
    v1::ReloadPluginRequest reload;
    reload.set_name(e.plugin->name());
    out.push_back(Seed("rosa", reload));
  }
  return out;
}

TEST(ApiFuzzTest, NoCrashNoInternalNoBrokenRule) {
  const uint64_t seed = EnvOr("ROSA_API_FUZZ_SEED", std::random_device()());
  std::cout << "api fuzz: seed " << seed << " (ROSA_API_FUZZ_SEED)\n";
  const absl::Duration budget =
      absl::Seconds(EnvOr("ROSA_API_FUZZ_SECONDS", 40));
  const uint64_t batch = EnvOr("ROSA_API_FUZZ_BATCH", 100);

  testutil::TempDir dir;
  auto shared = RigShared::Make(dir.path() / "keys");
  ASSERT_TRUE(shared.ok()) << shared.status();
  auto rig = HubRig::Open(dir.path() / "hub.db", "", shared->get());
  ASSERT_TRUE(rig.ok()) << rig.status();
  HubRig& hub = **rig;

  // Real objects to aim at: persons, consents and referrals in every state.
  Ledger ledger;
  Workload(seed, &hub).Run(60, ledger);
  ASSERT_TRUE(ledger.unexpected.empty()) << ledger.unexpected.front();

  // A payload ks-oslo's plugin reads (the workload's, if it sent one): it
  // must decode the same after every reload.
  v1::IngestRequest sample;
  sample.set_content_type("text/csv; profile=ks-hendelser-1");
  sample.set_payload(
      "referanse;hendelse;tidspunkt;arsak;netter\n"
      "R-2026-000001;mottatt;01.12.2026 10:00;;\n");
  for (const Op& op : ledger.acked) {
    if (op.kind == Op::Kind::kIngest && op.caller == "ks-oslo") {
      sample = op.ingest;
    }
  }
  auto plugin_check = PluginInvariants::Start(
      hub, hub.shared().plugin_dir, hub.shared().P("ks-oslo"), sample);
  ASSERT_TRUE(plugin_check.ok()) << plugin_check.status();

  std::vector<const Partner*> callers = hub.shared().registry.All();
  std::vector<std::string> partner_ids;
  for (const Partner* p : callers) partner_ids.push_back(p->id);
  RequestGenerator gen(seed, partner_ids);
  for (const Op& op : ledger.acked) {
    v1::Referral r;  // ids by the rule the generator learns them by
    r.set_id(op.result_id);
    gen.Learn(r);
  }
  const std::vector<std::string> types = DispatchedRequestTypes();
  std::map<std::string, std::vector<Accepted>> accepted;
  std::vector<Accepted> seeds = SeedCorpus(ledger);
  for (Accepted& a : DeskSeeds(ledger, partner_ids, *hub.shared().plugins,
                               hub.shared().clock.Now())) {
    seeds.push_back(std::move(a));
  }
  for (Accepted& a : seeds) {
    auto& pool = accepted[a.request->GetDescriptor()->full_name()];
    if (pool.size() < kPoolSize) pool.push_back(std::move(a));
  }
  std::map<std::string, uint64_t> by_code, accepted_by_type;
  std::vector<std::string> problems;
  std::optional<v1::SignedCheckpoint> checkpoint;
  InvariantCounts counts;
  uint64_t sent = 0, mutated = 0, checks = 0;
  const absl::Time deadline = absl::Now() + budget;
  while (absl::Now() < deadline && problems.empty()) {
    for (uint64_t i = 0; i < batch; ++i, ++sent) {
      const std::string& type = types[gen.rng()() % types.size()];
      const Partner* caller = callers[gen.rng()() % callers.size()];
      std::unique_ptr<Message> request = NewRequest(type);
      ASSERT_NE(request, nullptr) << type;
      auto& pool = accepted[type];
      if (!pool.empty() && gen.rng()() % 3 != 0) {
        const Accepted& from = pool[gen.rng()() % pool.size()];
        request->CopyFrom(*from.request);
        // Mostly as the partner it was accepted from.
        if (gen.rng()() % 4 != 0) {
          caller = hub.shared().registry.Find(from.caller);
        }
        gen.Mutate(request.get());
        ++mutated;
      } else {
        gen.Fill(request.get());
      }
      auto answer = Dispatch(hub, *caller, *request);
      const absl::StatusCode code = answer.status().code();
      ++by_code[absl::StatusCodeToString(code)];
      const std::string where =
          absl::StrCat("request ", sent, " (", type, " by ", caller->id,
                       ", seed ", seed, ")");
      if (code == absl::StatusCode::kInternal ||
          code == absl::StatusCode::kUnknown) {
        problems.push_back(
            absl::StrCat(where, ": ", answer.status().ToString()));
      }
      if (absl::StrContains(answer.status().message(), kPrivateMarker)) {
        problems.push_back(where + ": the error repeats the request's text");
      }
      if (answer.ok()) {
        for (std::string& p : CheckAnswer(*caller, *request, **answer)) {
          problems.push_back(absl::StrCat(where, ": ", p));
        }
      }
      for (std::string& p : CheckRefusal(*caller, *request, answer.status())) {
        problems.push_back(absl::StrCat(where, ": ", p));
      }
      if (answer.ok()) {
        ++accepted_by_type[type];
        gen.Learn(**answer);
        // A new handoff: its lawyer's events join the pool to mutate from
        // (so that the hours ledger is exercised).
        if (const auto* h = dynamic_cast<const v1::Handoff*>(answer->get());
            h != nullptr && type == "rosa.hub.v1.CreateHandoffRequest") {
          auto& events = accepted["rosa.hub.v1.RecordHandoffEventRequest"];
          for (int k = 0; k < 3 && events.size() < kPoolSize; ++k) {
            v1::RecordHandoffEventRequest e;
            e.set_idempotency_key(absl::StrCat("seed-", h->id(), "-", k));
            e.set_handoff_id(h->id());
            if (k == 0) e.mutable_event()->mutable_accepted();
            if (k == 1)
              e.mutable_event()->mutable_hours_used()->set_quarter_hours(4);
            if (k == 2) {
              e.mutable_event()->mutable_extension_granted()->set_quarter_hours(
                  8);
            }
            events.push_back(Seed(h->lawyer(), e));
          }
        }
        // A person just registered: a lawyer's consent for it joins the pool.
        if (const auto* person = dynamic_cast<const v1::Person*>(answer->get());
            person != nullptr && type == "rosa.hub.v1.RegisterPersonRequest") {
          Keep(accepted["rosa.hub.v1.GiveConsentRequest"],
               LawyerConsentSeed(person->id(), absl::StrCat("fuzz-", sent)),
               gen.rng());
        }
        // A lawyer's new consent: a handoff for its person joins the pool.
        if (const auto* give =
                dynamic_cast<const v1::GiveConsentRequest*>(request.get())) {
          if (auto h = HandoffSeed(*give, absl::StrCat("fuzz-", sent))) {
            Keep(accepted["rosa.hub.v1.CreateHandoffRequest"], *std::move(h),
                 gen.rng());
          }
        }
        Keep(pool, Accepted{caller->id, std::move(request)}, gen.rng());
      }
      if (!hub.write_failure().ok()) {
        problems.push_back(absl::StrCat(
            where, ": the writer failed: ", hub.write_failure().message()));
        break;
      }
    }
    ++checks;
    std::vector<std::string> broken = CheckInvariants(hub, checkpoint, &counts);
    for (std::string& p : plugin_check->Check(hub)) broken.push_back(p);
    for (std::string& p : broken) {
      problems.push_back(
          absl::StrCat("after request ", sent, " (seed ", seed, "): ", p));
    }
  }

  std::cout << "api fuzz: " << sent << " requests (" << mutated
            << " mutated from accepted ones) over " << types.size()
            << " request types, " << checks
            << " invariant checks; state at the end: " << counts.referrals
            << " referrals, " << counts.handoffs << " handoffs, "
            << counts.events << " events, " << counts.audit_entries
            << " audit entries, " << plugin_check->reloads()
            << " plugin reloads\napi fuzz: answers:";
  for (const auto& [code, n] : by_code) std::cout << " " << code << " " << n;
  std::cout << "\napi fuzz: accepted per type:";
  for (const std::string& t : types) {
    std::cout << " " << t.substr(t.rfind('.') + 1) << " "
              << accepted_by_type[t];
  }
  const std::vector<std::string> not_sent = NotDispatched();
  std::cout << "\napi fuzz: rpcs not sent: " << not_sent.size();
  for (const std::string& t : not_sent) std::cout << " " << t << ";";
  std::cout << "\n";
  EXPECT_TRUE(not_sent.empty()) << "every rpc of proto/ has a way in";
  for (const std::string& p : problems) ADD_FAILURE() << p;
  EXPECT_GT(checks, 0u);
}

}  // namespace
}  // namespace rosa::reliability
