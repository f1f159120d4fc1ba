// referral_loader: fills a hub's data directory with N placement referrals
// from ROSA to ks-oslo before the hub starts, through the hub's own desk
// code (ReferralDesk::Submit on the hub's store, keys and registry, so every
// referral gets its history, outbox event, idempotency record and audit
// entry exactly as a SubmitReferral call makes them), many submits in
// flight so that the group-commit writer batches them, on a hub clock whose
// latest time is kept in the store's clock mark as the hub keeps it. The
// requests are the integration tests' NewReferralRequest, the ones B2 sends.
// Writes every 1000th referral id (and the last) to <data-dir>/loaded-ids.txt.
//
//   referral_loader --data-dir DIR --partners FILE --count N
//
// Exits 1 on the first error. The hub must not be running on DIR.
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/mutex.h"
#include "hub/audit/store_clock_floor.h"
#include "hub/common/clock.h"
#include "hub/common/hub_clock.h"
#include "hub/common/status_macros.h"
#include "hub/crypto/hmac_key_file.h"
#include "hub/crypto/key_file.h"
#include "hub/outbox/event_notifier.h"
#include "hub/outbox/outbox.h"
#include "hub/partner/partner_registry.h"
#include "hub/person/person_vault.h"
#include "hub/placement/placement_desk.h"
#include "hub/referral/referral_desk.h"
#include "hub/store/database.h"
#include "tests/integration/hub_client.h"

namespace rosa::bench {
namespace {

namespace v1 = rosa::hub::v1;

constexpr int kInFlight = 2048;
constexpr int64_t kIdSampleEvery = 1000;

absl::Status Load(const std::filesystem::path& dir,
                  const std::filesystem::path& partners, int64_t count) {
  ASSIGN_OR_RETURN(PartnerRegistry registry,
                   PartnerRegistry::LoadFile(partners));
  ASSIGN_OR_RETURN(auto keks, crypto::KekStore::OpenOrCreate(
                                  crypto::KekStore::DefaultPath(dir)));
  ASSIGN_OR_RETURN(
      crypto::SecretKey request_key,
      crypto::LoadOrCreateHmacKey(crypto::RequestHmacKeyPath(dir)));
  // The hub's clock, and its clock mark in every commit, as the hub keeps
  // them (app/hub_server.cc): the hub started on DIR later starts no
  // earlier than what was loaded. Declared first: the store's writer reads
  // it until the store closes.
  SystemClock wall;
  SteadyClock steady;
  HubClock clock(&wall, &steady);
  store::Database::Options db_options;
  db_options.path = dir / "rosa-hub.db";
  db_options.before_commit = audit::ClockMarkHook(&clock);
  db_options.request_hasher =
      std::make_shared<const store::RequestHasher>(std::move(request_key));
  ASSIGN_OR_RETURN(auto db, store::Database::Open(db_options));
  EventNotifier notifier;
  Outbox outbox(&notifier);
  PersonVault vault(keks.get());
  PlacementDesk placement(&registry, db.get(), &outbox, &clock,
                          PlacementDesk::Options{});
  ReferralDesk referrals(&registry, db.get(), &outbox, &vault, &clock,
                         &placement);
  const Partner& rosa = *registry.Find("rosa");

  absl::Mutex mu;
  absl::Status first;
  std::vector<std::string> sampled;
  int64_t next = 0;
  while (next < count) {
    const int64_t batch = std::min<int64_t>(kInFlight, count - next);
    absl::BlockingCounter pending(static_cast<int>(batch));
    for (int64_t i = next; i < next + batch; ++i) {
      referrals.Submit(
          rosa, integration::NewReferralRequest("ks-oslo"),
          absl::InfiniteFuture(),
          [&, i](absl::StatusOr<v1::SubmitReferralResponse> r) {
            {
              absl::MutexLock lock(&mu);
              if (!r.ok() && first.ok()) first = r.status();
              if (r.ok() && (i % kIdSampleEvery == 0 || i == count - 1)) {
                sampled.push_back(r->referral().id());
              }
            }
            pending.DecrementCount();
          });
    }
    pending.Wait();
    if (!first.ok()) return first;
    next += batch;
  }
  std::ofstream out(dir / "loaded-ids.txt");
  for (const std::string& id : sampled) out << id << "\n";
  if (!out) return absl::InternalError("cannot write loaded-ids.txt");
  return absl::OkStatus();
}

}  // namespace
}  // namespace rosa::bench

int main(int argc, char** argv) {
  std::filesystem::path dir, partners;
  int64_t count = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--data-dir") {
      dir = argv[i + 1];
    } else if (flag == "--partners") {
      partners = argv[i + 1];
    } else if (flag == "--count") {
      if (!absl::SimpleAtoi(argv[i + 1], &count)) count = 0;
    }
  }
  if (dir.empty() || partners.empty() || count <= 0) {
    std::cerr << "usage: referral_loader --data-dir DIR --partners FILE "
                 "--count N\n";
    return 2;
  }
  absl::Status s = rosa::bench::Load(dir, partners, count);
  if (!s.ok()) {
    std::cerr << "referral_loader: " << s << "\n";
    return 1;
  }
  return 0;
}
