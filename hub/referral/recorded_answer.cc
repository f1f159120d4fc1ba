#include "hub/referral/recorded_answer.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "hub/common/status_macros.h"
#include "hub/outbox/free_text.h"
#include "hub/outbox/outbox.h"
#include "hub/referral/referral_as_of.h"
#include "hub/referral/referral_store.h"
#include "hub/referral/referral_view.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

v1::Referral RecordedAnswer(const v1::Referral& stored,
                            const v1::Referral& view) {
  if (CanRebuildCurrentVersion(stored)) return ReferralReference(stored);
  v1::Referral recorded = view;
  TakeFreeText(recorded);
  return recorded;
}

absl::Status PutBackAnswer(store::Connection& conn, const TextVault& texts,
                           const Partner& caller, v1::Referral& answer) {
  if (IsReferralReference(answer)) {
    ASSIGN_OR_RETURN(std::optional<v1::Referral> current,
                     LoadReferral(conn, texts, answer.id()));
    if (!current.has_value()) {
      return absl::DataLossError(absl::StrCat(
          "referral ", answer.id(), " of a recorded answer is not stored"));
    }
    ASSIGN_OR_RETURN(v1::Referral then,
                     ReferralAsOf(*current, answer.version()));
    answer = ViewFor(caller, then, nullptr);
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(PutBackFreeText(conn, texts, answer));
  answer = ViewFor(caller, answer, nullptr);
  return absl::OkStatus();
}

}  // namespace rosa
