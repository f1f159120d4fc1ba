// Profile `telefonlogg` (text/csv; profile=ks-telefonlogg-1): the hotline
// log Oslo Krisesenter keeps on evenings and weekends, one call per row,
// each row one record_inquiry command. Calls about a possible victim carry
// counts and categories (never who); other calls leave those columns empty.
// Whether `tidspunkt` lies in the future is for the core to decide.
//
// Thread-safety: a constant.
#ifndef ROSA_PLUGINS_KS_CSV_TELEFONLOGG_H_
#define ROSA_PLUGINS_KS_CSV_TELEFONLOGG_H_

#include "plugins/ks_csv/profile.h"

namespace rosa::plugin::ks_csv {

const Profile& TelefonloggProfile();

}  // namespace rosa::plugin::ks_csv

#endif  // ROSA_PLUGINS_KS_CSV_TELEFONLOGG_H_
