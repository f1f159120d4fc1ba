// The person desk: the core's commands and queries on protected persons,
// shared by every way in (the native gRPC API today, partner plugins
// later). Only a coordinator (ROSA) registers, reads, erases and audits
// persons; for every other partner each person is NOT_FOUND (and
// registering is PERMISSION_DENIED).
//
// Every access leaves an audit entry in the same transaction: registering
// ("person.register", "consent.give"), reading ("person.read": a read is a
// write, and identity is returned only once its entry is durable), erasing
// ("person.erase"), and refusing a minor ("child_welfare.alert").
//
// Every method is asynchronous: work runs on the store's writer or reader
// threads, and `done` is called there exactly once, after the data is
// durable (for writes). `done` must not block.
//
// Thread-safety: safe to call from any thread.
#ifndef ROSA_HUB_PERSON_PERSON_DESK_H_
#define ROSA_HUB_PERSON_PERSON_DESK_H_

#include <functional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/consent/exchange_files.h"
#include "hub/outbox/outbox.h"
#include "hub/partner/partner_registry.h"
#include "hub/person/person_vault.h"
#include "hub/store/database.h"
#include "rosa/hub/v1/person_service.pb.h"

namespace rosa {

class PersonDesk {
 public:
  template <typename T>
  using Done = std::function<void(absl::StatusOr<T>)>;

  // With `outbox`, erasing a person also tells every partner that received
  // its identity under a live consent (a ConsentWithdrawnEvent each), as a
  // withdrawal would; without, erasure tells nobody. With `exchange_files`,
  // erasure also deletes every exchange file that may carry the person's
  // identity (see exchange_files.h) before it is answered. `registry` says
  // which addresses are secret: a contact address that holds one is
  // refused.
  // REQUIRES: every pointer outlives the desk.
  PersonDesk(const PartnerRegistry* registry, store::Database* db,
             PersonVault* vault, const Clock* clock, Outbox* outbox = nullptr,
             ExchangeFiles* exchange_files = nullptr);

  // Registers a person with the consent to registration (stored as a
  // Consent with purpose REGISTRATION). Answers the person without
  // identity. Without the consent: FAILED_PRECONDITION. A person who is or
  // may be under 18 is not registered: a child-welfare alert is committed
  // and the answer is FAILED_PRECONDITION naming barnevernsvakt and
  // Bufdir's hotline.
  void Register(const Partner& caller,
                const rosa::hub::v1::RegisterPersonRequest& request,
                absl::Time deadline, Done<rosa::hub::v1::Person> done);

  // The person with identity, for the request's purpose; answered only
  // after the "person.read" audit entry has committed.
  void Read(const Partner& caller,
            const rosa::hub::v1::ReadPersonRequest& request,
            absl::Time deadline, Done<rosa::hub::v1::Person> done);

  // Crypto-shreds the person and purges its rows in one transaction with
  // its "person.erase" entry (and the outbox events of the constructor's
  // comment), then checkpoints and truncates the WAL so
  // that no old page with the person's data stays in it. Audit entries
  // stay.
  void Erase(const Partner& caller,
             const rosa::hub::v1::ErasePersonRequest& request,
             absl::Time deadline,
             Done<rosa::hub::v1::ErasePersonResponse> done);

  // Who read or changed the person, when and why, from the audit log (also
  // after erasure).
  void GetAccessExtract(const Partner& caller,
                        const rosa::hub::v1::GetAccessExtractRequest& request,
                        Done<rosa::hub::v1::AccessExtract> done);

 private:
  const PartnerRegistry* registry_;
  store::Database* db_;
  PersonVault* vault_;
  const Clock* clock_;
  Outbox* outbox_;                 // May be null.
  ExchangeFiles* exchange_files_;  // May be null.
};

}  // namespace rosa

#endif  // ROSA_HUB_PERSON_PERSON_DESK_H_
