// What must hold after any sequence of requests, whatever they were: the
// API fuzzer checks it after each batch.
//   visibility    a partner gets (Get and the first page of List) only the
//                 referrals it sent or received (coordinators: all), and no
//                 outbox event about a referral it is not party to;
//   minimisation  no referral is stored with an identity, and no answer or
//                 event gives an identity to anyone but the recipient;
//   state machine every stored referral's history starts with its
//                 submission and is a path of legal steps ending in its
//                 state, each by a party to it;
//   ledger        every handoff's used hours stay within the granted ones;
//   outbox        every partner's cursors run 1..last without a gap;
//   audit log     the log verifies against a checkpoint signed now, and
//                 against the one signed at the previous check (append-only).
//
// Thread-safety: one thread; the rig must be idle.
#ifndef ROSA_TESTS_RELIABILITY_API_INVARIANTS_H_
#define ROSA_TESTS_RELIABILITY_API_INVARIANTS_H_

#include <optional>
#include <string>
#include <vector>

#include "rosa/hub/v1/audit.pb.h"
#include "tests/reliability/hub_rig.h"

namespace rosa::reliability {

struct InvariantCounts {
  uint64_t referrals = 0, events = 0, handoffs = 0, audit_entries = 0;
};

// Every broken invariant, naming ids and rules only. `previous` is the
// checkpoint of the last check (updated to this one's).
std::vector<std::string> CheckInvariants(
    HubRig& rig, std::optional<rosa::hub::v1::SignedCheckpoint>& previous,
    InvariantCounts* counts);

}  // namespace rosa::reliability

#endif  // ROSA_TESTS_RELIABILITY_API_INVARIANTS_H_
