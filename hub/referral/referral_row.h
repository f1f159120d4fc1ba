// How a referral is laid out in its row of the `referrals` table: the
// columns that find and filter it (id, sender, recipient, type, state,
// created_us, updated_us) and a protobuf blob with the rest. A field that
// has a column is not repeated in the blob (issue 11: bytes per referral);
// it is put back from its column when the row is read. A blob written
// before this rule, which still holds those fields, reads the same: a field
// present in the blob is kept as it is. The one home of that rule, for the
// referral store and for every other reader of referral rows.
// Thread-safety: pure functions; the statement is the caller's.
#ifndef ROSA_HUB_REFERRAL_REFERRAL_ROW_H_
#define ROSA_HUB_REFERRAL_REFERRAL_ROW_H_

#include <string>

#include "absl/status/statusor.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/referral.pb.h"

namespace rosa {

// The columns ReadReferralRow reads, in its order, for a SELECT list (a
// macro as well, so that constant SQL texts can be spliced at compile time).
#define ROSA_REFERRAL_ROW_COLUMNS \
  "id, sender, recipient, type, state, created_us, updated_us, body"
inline constexpr char kReferralRowColumns[] = ROSA_REFERRAL_ROW_COLUMNS;

// The blob stored for `referral`: the message without the fields that have
// a column (a time keeps its place in the blob if the column, in whole
// microseconds, cannot hold it exactly).
std::string ReferralRowBody(const rosa::hub::v1::Referral& referral);

// The referral in the current row of `stmt`, whose columns from `first` on
// are kReferralRowColumns. DataLoss if the blob does not parse.
absl::StatusOr<rosa::hub::v1::Referral> ReadReferralRow(
    const store::Statement& stmt, int first);

}  // namespace rosa

#endif  // ROSA_HUB_REFERRAL_REFERRAL_ROW_H_
