#include "hub/referral/referral_view.h"

#include "hub/referral/minimisation.h"

namespace rosa {

rosa::hub::v1::Referral ViewFor(const Partner& viewer,
                                const rosa::hub::v1::Referral& stored,
                                const rosa::hub::v1::PersonIdentity* identity) {
  rosa::hub::v1::Referral view = stored;
  if (viewer.id == stored.recipient()) {
    ApplyRule(RuleFor(stored.type(), viewer.kind), identity, view);
  } else {
    view.clear_shared_identity();
  }
  return view;
}

}  // namespace rosa
