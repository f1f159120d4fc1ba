// The API as an attack surface (issue 14, point 5): random request messages
// built with protobuf reflection, valid by schema or mutated from accepted
// ones, for every request type of proto/ (api_dispatch.h), sent to the real
// desks on a real store with each partner as caller; the requests to
// mutate from come from fuzz_seeds.h and from what the hub accepted, and now
// and then one goes again as it was (a retry). No answer may be INTERNAL or
// UNKNOWN, repeat the request's free text or carry a secret address
// (hub_rig.h), no accepted answer or refusal may break a rule of
// api_invariants.h (CheckAnswer, CheckRefusal), the writer must not fail,
// and after each batch the invariants of api_invariants.h and
// plugin_invariants.h must hold.
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
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "rosa/hub/v1/gateway_service.pb.h"
#include "tests/reliability/api_dispatch.h"
#include "tests/reliability/api_invariants.h"
#include "tests/reliability/fuzz_seeds.h"
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
  SeedPools accepted;
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
  uint64_t sent = 0, mutated = 0, resent = 0, checks = 0;
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
        // Now and then as it was: a retry of a write (its first answer
        // again), and the one way to a valid request with a single field.
        if (gen.rng()() % 8 != 0) {
          gen.Mutate(request.get());
          ++mutated;
        } else {
          ++resent;
        }
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
      if (absl::StrContains(answer.status().message(), kSecretAddress) ||
          (answer.ok() &&
           absl::StrContains((*answer)->SerializeAsString(), kSecretAddress))) {
        problems.push_back(where + ": a secret address in the answer");
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
        for (Accepted& a :
             FollowUps(caller->id, *request, **answer, absl::StrCat(sent),
                       hub.shared().clock.Now())) {
          Keep(accepted, std::move(a), gen.rng());
        }
        Keep(accepted, Accepted{caller->id, std::move(request)}, gen.rng());
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
            << " mutated from accepted ones, " << resent
            << " sent again as they were) over " << types.size()
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
