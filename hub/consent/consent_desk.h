// The consent desk: the core's commands on consents, shared by every way in
// (the native gRPC API today, partner plugins later). Only a coordinator
// (ROSA) records, withdraws and lists consents. Each change is written with
// its audit entry, its outbox events and its idempotency record in one
// durable transaction.
//
// Every method is asynchronous: work runs on the store's writer or reader
// threads, and `done` is called there exactly once, after the data is
// durable (for writes). `done` must not block.
//
// Thread-safety: safe to call from any thread.
#ifndef ROSA_HUB_CONSENT_CONSENT_DESK_H_
#define ROSA_HUB_CONSENT_CONSENT_DESK_H_

#include <functional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/consent/exchange_files.h"
#include "hub/outbox/outbox.h"
#include "hub/partner/partner_registry.h"
#include "hub/store/database.h"
#include "rosa/hub/v1/consent_service.pb.h"

namespace rosa {

class ConsentDesk {
 public:
  template <typename T>
  using Done = std::function<void(absl::StatusOr<T>)>;

  // With `exchange_files`, a withdrawal also deletes every exchange file
  // that carried identity disclosed under the consent (see
  // exchange_files.h) before it is answered.
  // REQUIRES: every pointer outlives the desk.
  ConsentDesk(const PartnerRegistry* registry, store::Database* db,
              Outbox* outbox, const Clock* clock,
              ExchangeFiles* exchange_files = nullptr);

  // Records a consent to share identity with a registered partner, or with
  // every partner of a kind, for a purpose other than registration.
  // Audited as "consent.give".
  void Give(const Partner& caller,
            const rosa::hub::v1::GiveConsentRequest& request,
            absl::Time deadline, Done<rosa::hub::v1::Consent> done);

  // Withdraws a consent at once (audited as "consent.withdraw"). In the
  // same transaction every partner that received the person's identity
  // under it gets a ConsentWithdrawnEvent naming the objects that carried
  // it. Withdrawing an already withdrawn consent returns it unchanged. The
  // consent to registration is withdrawn only by erasing the person.
  void Withdraw(const Partner& caller,
                const rosa::hub::v1::WithdrawConsentRequest& request,
                absl::Time deadline, Done<rosa::hub::v1::Consent> done);

  // The person's consents, oldest first. For anyone but a coordinator
  // every person is NOT_FOUND.
  void List(const Partner& caller,
            const rosa::hub::v1::ListConsentsRequest& request,
            Done<rosa::hub::v1::ListConsentsResponse> done);

 private:
  absl::Status ValidateGive(const Partner& caller,
                            const rosa::hub::v1::GiveConsentRequest& request);

  const PartnerRegistry* registry_;
  store::Database* db_;
  Outbox* outbox_;
  const Clock* clock_;
  ExchangeFiles* exchange_files_;  // May be null.
};

}  // namespace rosa

#endif  // ROSA_HUB_CONSENT_CONSENT_DESK_H_
