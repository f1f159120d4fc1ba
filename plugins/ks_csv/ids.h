// The hub's identifiers as they appear in ks-csv files. The checks mirror the
// hub's own, so a file is refused here, with its line and column, rather
// than by the core.
//
// Thread-safety: pure functions.
#ifndef ROSA_PLUGINS_KS_CSV_IDS_H_
#define ROSA_PLUGINS_KS_CSV_IDS_H_

#include <string_view>

namespace rosa::plugin::ks_csv {

// A facility id, like a partner id: 2 to 63 of a-z, 0-9 and '-', not
// starting or ending with '-' ("ks-oslo").
bool IsFacilityId(std::string_view id);

// A referral id the hub issues: "R-", a four-digit year (2000-2999), "-",
// and 6 to 9 digits ("R-2026-000123").
bool IsReferralId(std::string_view id);

}  // namespace rosa::plugin::ks_csv

#endif  // ROSA_PLUGINS_KS_CSV_IDS_H_
