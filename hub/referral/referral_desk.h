// The referral desk: the core's commands and queries on referrals, shared by
// every way in (the native gRPC API today, partner plugins later). It
// validates, applies the rules of the field, decides visibility and who may
// act, and writes each change together with its outbox events and its
// idempotency record in one durable transaction.
//
// Every method is asynchronous: work runs on the store's writer or reader
// threads, and `done` is called there exactly once, after the data is
// durable (for writes). `done` must not block.
//
// Thread-safety: safe to call from any thread.
#ifndef ROSA_HUB_REFERRAL_REFERRAL_DESK_H_
#define ROSA_HUB_REFERRAL_REFERRAL_DESK_H_

#include <functional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/outbox/outbox.h"
#include "hub/partner/partner_registry.h"
#include "hub/store/database.h"
#include "rosa/hub/v1/referral_service.pb.h"

namespace rosa {

class ReferralDesk {
 public:
  template <typename T>
  using Done = std::function<void(absl::StatusOr<T>)>;

  // REQUIRES: every pointer outlives the desk.
  ReferralDesk(const PartnerRegistry* registry, store::Database* db,
               Outbox* outbox, const Clock* clock);

  // `caller` must be a registered, enabled partner (the server checks the
  // certificate against the registry before calling).
  void Submit(const Partner& caller,
              const rosa::hub::v1::SubmitReferralRequest& request,
              absl::Time deadline,
              Done<rosa::hub::v1::SubmitReferralResponse> done);
  void UpdateStatus(const Partner& caller,
                    const rosa::hub::v1::UpdateReferralStatusRequest& request,
                    absl::Time deadline,
                    Done<rosa::hub::v1::Referral> done);
  void Get(const Partner& caller,
           const rosa::hub::v1::GetReferralRequest& request,
           Done<rosa::hub::v1::Referral> done);
  void List(const Partner& caller,
            const rosa::hub::v1::ListReferralsRequest& request,
            Done<rosa::hub::v1::ListReferralsResponse> done);

 private:
  absl::Status CheckRecipient(const Partner& caller,
                              const rosa::hub::v1::SubmitReferralRequest& r);
  // Appends the event about `referral` to the outbox of everyone who must
  // hear of it.
  absl::Status Publish(store::WriteTxn& txn,
                       const rosa::hub::v1::Referral& referral,
                       bool submitted, absl::Time now);

  const PartnerRegistry* registry_;
  store::Database* db_;
  Outbox* outbox_;
  const Clock* clock_;
};

}  // namespace rosa

#endif  // ROSA_HUB_REFERRAL_REFERRAL_DESK_H_
