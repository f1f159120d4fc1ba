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
//   outbox        every partner's cursors run 1..last without a gap, and
//                 no event holds a secret address (hub_rig.h);
//   journal       every journal record is about a registered person (an
//                 erased person's journal went with it);
//   audit log     the log verifies against a checkpoint signed now, and
//                 against the one signed at the previous check (append-only).
//
// And of each accepted answer (CheckAnswer):
//   only ROSA     the journal, the annual report, the audit log and plugin
//                 administration answer a coordinator only;
//   journal       a journal read gives only the records of the person
//                 asked for.
//
// And of each refusal (CheckRefusal):
//   plugins       plugin administration refuses anyone but a coordinator
//                 with PERMISSION_DENIED (it concerns no partner's data);
//   subscribe     the gateway's Subscribe refuses a partner without a
//                 plugin with FAILED_PRECONDITION.
//
// Thread-safety: one thread; the rig must be idle.
#ifndef ROSA_TESTS_RELIABILITY_API_INVARIANTS_H_
#define ROSA_TESTS_RELIABILITY_API_INVARIANTS_H_

#include <optional>
#include <string>
#include <vector>

#include "google/protobuf/message.h"
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

// Every rule an accepted `answer` to `request` from `caller` breaks.
std::vector<std::string> CheckAnswer(const Partner& caller,
                                     const google::protobuf::Message& request,
                                     const google::protobuf::Message& answer);

// Every rule the refusal `status` of `request` from `caller` breaks.
std::vector<std::string> CheckRefusal(const Partner& caller,
                                      const google::protobuf::Message& request,
                                      const absl::Status& status);

}  // namespace rosa::reliability

#endif  // ROSA_TESTS_RELIABILITY_API_INVARIANTS_H_
