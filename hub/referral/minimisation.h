// The minimisation table: field by field, what the recipient of a referral
// receives, by referral type and recipient kind. It is the one place that
// decides this; the README prints the same table. Facts not listed are
// cleared; identity fields are added only under a live consent covering the
// recipient and the type's purpose.
//
//   type × recipient kind              facts                     identity (with
//   consent) placement × shelter, safe house,   all                       never
//     reinforced housing
//   legal_counsel × legal counsel      gender, age, nationality, given/family
//   name, birth date,
//                                      exploitation, languages   DUF number,
//                                      phone, contact address
//   assisted_return × assisted return  gender, age, nationality, given/family
//   name, birth date,
//                                      languages, children,      DUF number,
//                                      phone needs, acute
//   assistance × coordinator           all                       never (ROSA
//   reads persons itself)
//
// Senders and coordinators see the facts as written and never identity
// through a referral. Notes pass only where facts are "all" or to the
// sender: free text is where identity leaks.
// Thread-safety: pure functions over constant tables.
#ifndef ROSA_HUB_REFERRAL_MINIMISATION_H_
#define ROSA_HUB_REFERRAL_MINIMISATION_H_

#include <string>
#include <vector>

#include "hub/partner/partner.h"
#include "rosa/hub/v1/consent.pb.h"
#include "rosa/hub/v1/referral.pb.h"

namespace rosa {

struct MinimisationRule {
  // PersonFacts field names the recipient receives.
  std::vector<std::string> facts;
  bool note = false;
  // PersonIdentity field names the recipient receives under consent.
  std::vector<std::string> identity;
  // The consent purpose that must cover the recipient for identity.
  rosa::hub::v1::ConsentPurpose purpose =
      rosa::hub::v1::CONSENT_PURPOSE_UNSPECIFIED;
};

// The rule for a recipient of `kind` receiving a referral of `type`. A pair
// the routing rules never allow gets the empty rule (nothing at all).
const MinimisationRule& RuleFor(rosa::hub::v1::ReferralType type,
                                PartnerKind kind);

// The purpose whose consent lets identity travel with `type`, or
// UNSPECIFIED when identity never travels with it.
rosa::hub::v1::ConsentPurpose IdentityPurpose(rosa::hub::v1::ReferralType type);

// Clears every fact, the note and every identity field the rule does not
// give the recipient. `identity` (may be null) is copied in field by field
// as the rule allows.
void ApplyRule(const MinimisationRule& rule,
               const rosa::hub::v1::PersonIdentity* identity,
               rosa::hub::v1::Referral& referral);

}  // namespace rosa

#endif  // ROSA_HUB_REFERRAL_MINIMISATION_H_
