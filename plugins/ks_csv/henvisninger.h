// Outbound `text/csv; profile=ks-henvisninger-1`: a crisis centre's list of
// its referrals, one row (under a header) per referral event, in the same
// Norwegian words the centre uses inbound. The event comes minimised for the
// recipient; a value it does not carry leaves its cell empty. Every cell goes
// through csv_writer.h, which neutralises spreadsheet formulas.
//
// Thread-safety: pure functions.
#ifndef ROSA_PLUGINS_KS_CSV_HENVISNINGER_H_
#define ROSA_PLUGINS_KS_CSV_HENVISNINGER_H_

#include <string_view>

#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::ks_csv {

inline constexpr std::string_view kHenvisningerContentType =
    "text/csv; profile=ks-henvisninger-1";

// The columns, in order.
inline constexpr std::string_view kHenvisningerColumns[] = {
    "referanse", "hendelse", "tidspunkt",    "type", "status",
    "kjonn",     "alder",    "nasjonalitet", "barn", "sprak",
    "behov",     "akutt",    "merknad",
};

// One payload for a referral event (submitted or status changed); none for
// any other event, including IOM's assisted-return updates, which mean
// nothing to a crisis centre.
rosa::plugin::v1::EncodeResponse EncodeHenvisning(
    const rosa::hub::v1::Event& event);

}  // namespace rosa::plugin::ks_csv

#endif  // ROSA_PLUGINS_KS_CSV_HENVISNINGER_H_
