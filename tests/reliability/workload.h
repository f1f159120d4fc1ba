// A seeded random workload through the hub's real desks (register and erase
// persons, give and withdraw consents, submit referrals and move them
// through their lifecycle, either by the native call or by the recipient's
// ks-csv hendelser payload through the ingest desk and the real plugin),
// one operation at a time, and the Ledger of what
// it did: every operation whose completion was reported OK, and the one
// operation (if any) that was in flight when the writes stopped.
//
// Thread-safety: one thread drives a Workload.
#ifndef ROSA_TESTS_RELIABILITY_WORKLOAD_H_
#define ROSA_TESTS_RELIABILITY_WORKLOAD_H_

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "rosa/hub/v1/audit.pb.h"
#include "rosa/hub/v1/consent_service.pb.h"
#include "rosa/hub/v1/gateway_service.pb.h"
#include "rosa/hub/v1/person_service.pb.h"
#include "rosa/hub/v1/referral_service.pb.h"
#include "tests/reliability/hub_rig.h"

namespace rosa::reliability {

// The family name of every person the workload registers: no encoded
// event may carry it to a partner not allowed the identity.
inline constexpr char kWorkloadFamilyName[] = "Popescu-Zkx";

// The facts of every referral the workload submits: a woman of 29 from
// Romania, sexual exploitation, speaks Romanian.
void FillWorkloadFacts(rosa::hub::v1::PersonFacts* facts);

// One operation as sent, with its caller; replaying it (same idempotency
// key) must answer the first result and change nothing.
struct Op {
  enum class Kind {
    kRegister,
    kErase,
    kGive,
    kWithdraw,
    kSubmit,
    kUpdate,
    // The same step as kUpdate (`update` says which), sent as a payload.
    kIngest,
  };
  Kind kind;
  std::string caller;
  rosa::hub::v1::RegisterPersonRequest reg;
  rosa::hub::v1::ErasePersonRequest erase;
  rosa::hub::v1::GiveConsentRequest give;
  rosa::hub::v1::WithdrawConsentRequest withdraw;
  rosa::hub::v1::SubmitReferralRequest submit;
  rosa::hub::v1::UpdateReferralStatusRequest update;
  rosa::hub::v1::IngestRequest ingest;
  // What the answer named: person, consent or referral id.
  std::string result_id;
};

struct Ledger {
  std::vector<Op> acked;
  // The operation that was sent but not answered OK (writes had stopped).
  std::optional<Op> in_flight;
  // Per acknowledged object, its state as last acknowledged.
  std::map<std::string, rosa::hub::v1::ReferralState> referral_state;
  std::map<std::string, bool> consent_withdrawn;  // by consent id
  std::map<std::string, bool> person_erased;      // by person id
  // A checkpoint signed after the last acknowledged operation.
  std::optional<rosa::hub::v1::SignedCheckpoint> checkpoint;
  // Operations refused for another reason than stopped writes (a bug in
  // the workload or the hub).
  std::vector<std::string> unexpected;
};

class Workload {
 public:
  Workload(uint64_t seed, HubRig* rig) : rng_(seed), seed_(seed), rig_(rig) {}

  // Runs up to `max_ops` operations; stops at the first one not answered
  // OK because writes stopped (the writer failed, or UNAVAILABLE), which
  // becomes the ledger's in_flight. Any other refusal is recorded in
  // `unexpected` (the first one also as in_flight) and the run goes on.
  void Run(int max_ops, Ledger& ledger);

  // Sends `op` again to `rig`; the answer's id (or an error).
  static absl::StatusOr<std::string> Send(HubRig& rig, const Op& op);

 private:
  std::optional<Op> Next(const Ledger& ledger);
  // Turns the update `op` by ks-oslo into its ks-csv hendelser payload.
  void AsPayload(Op& op) const;
  std::string Key() {
    return "pl-" + std::to_string(seed_) + "-" + std::to_string(++keys_);
  }

  std::mt19937_64 rng_;
  uint64_t seed_;
  HubRig* rig_;
  int keys_ = 0;
};

}  // namespace rosa::reliability

#endif  // ROSA_TESTS_RELIABILITY_WORKLOAD_H_
