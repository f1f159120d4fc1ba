// What one partner may see of a stored referral: the recipient gets the
// fields the minimisation table gives its kind (and identity only when the
// caller passes it, under consent); the sender and coordinators get the
// facts as written and never identity. Everything a partner receives about
// a referral goes through ViewFor: replies, lists and events.
// Thread-safety: pure function.
#ifndef ROSA_HUB_REFERRAL_REFERRAL_VIEW_H_
#define ROSA_HUB_REFERRAL_REFERRAL_VIEW_H_

#include "hub/partner/partner.h"
#include "rosa/hub/v1/referral.pb.h"

namespace rosa {

// REQUIRES: CanSeeReferral(viewer, stored). `identity` may be null; it is
// used only for the recipient and only field by field as the table allows.
rosa::hub::v1::Referral ViewFor(const Partner& viewer,
                                const rosa::hub::v1::Referral& stored,
                                const rosa::hub::v1::PersonIdentity* identity);

}  // namespace rosa

#endif  // ROSA_HUB_REFERRAL_REFERRAL_VIEW_H_
