#include "hub/referral/referral_rules.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace rosa {

absl::Status CheckRecipientAdmits(
    const Partner& recipient,
    const rosa::hub::v1::SubmitReferralRequest& request) {
  if (request.type() != rosa::hub::v1::REFERRAL_TYPE_PLACEMENT ||
      recipient.admits_genders.empty()) {
    return absl::OkStatus();
  }
  const auto& admits = recipient.admits_genders;
  if (std::find(admits.begin(), admits.end(), request.facts().gender()) !=
      admits.end()) {
    return absl::OkStatus();
  }
  std::string whom;
  for (auto g : admits) {
    if (!whom.empty()) whom += ", ";
    whom += std::string(GenderName(g));
  }
  return absl::FailedPreconditionError(
      absl::StrCat("recipient: ", recipient.id, " takes only: ", whom,
                   "; refer this person to another facility"));
}

}  // namespace rosa
