// Profile `plasser` (text/csv; profile=ks-plasser-1): a crisis centre's
// placement capacity, one unit per row, each row one report_capacity command
// with one UnitCapacity. Whether the facility is the sender's and whether
// `oppdatert` lies in the future are for the core to decide.
//
// Thread-safety: a constant.
#ifndef ROSA_PLUGINS_KS_CSV_PLASSER_H_
#define ROSA_PLUGINS_KS_CSV_PLASSER_H_

#include "plugins/ks_csv/profile.h"

namespace rosa::plugin::ks_csv {

const Profile& PlasserProfile();

}  // namespace rosa::plugin::ks_csv

#endif  // ROSA_PLUGINS_KS_CSV_PLASSER_H_
