#include "hub/referral/referral_event_content.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "hub/common/status_macros.h"
#include "hub/referral/referral_access.h"
#include "hub/referral/referral_as_of.h"
#include "hub/referral/referral_store.h"
#include "hub/referral/referral_view.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

absl::Status ReferralEventContent::RebuildReferralEvent(
    store::Connection& conn, const std::string& partner,
    v1::ReferralEvent& event) const {
  const std::string id = event.referral().id();
  const uint64_t version = event.referral().version();
  ASSIGN_OR_RETURN(std::optional<v1::Referral> current,
                   LoadReferral(conn, *texts_, id));
  if (!current.has_value()) {
    return absl::DataLossError(
        absl::StrCat("outbox: referral ", id, " of an event is not stored"));
  }
  ASSIGN_OR_RETURN(v1::Referral then, ReferralAsOf(*current, version));
  const Partner* reader = registry_->Find(partner);
  if (reader == nullptr || !CanSeeReferral(*reader, then))
    return absl::OkStatus();
  *event.mutable_transition() = *then.history().rbegin();
  *event.mutable_referral() = ViewFor(*reader, then, nullptr);
  return absl::OkStatus();
}

}  // namespace rosa
