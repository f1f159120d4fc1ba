// Facility ids as they appear in ks-csv files, checked here so that a bad one
// is refused with its line and column. Referral ids: common/hub_ids.h.
//
// Thread-safety: pure functions.
#ifndef ROSA_PLUGINS_KS_CSV_IDS_H_
#define ROSA_PLUGINS_KS_CSV_IDS_H_

#include <string_view>

namespace rosa::plugin::ks_csv {

// A facility id, like a partner id: 2 to 63 of a-z, 0-9 and '-', not
// starting or ending with '-' ("ks-oslo").
bool IsFacilityId(std::string_view id);

}  // namespace rosa::plugin::ks_csv

#endif  // ROSA_PLUGINS_KS_CSV_IDS_H_
