// Profile `hendelser` (text/csv; profile=ks-hendelser-1): steps in the life
// of referrals sent to a crisis centre, each row one update_referral_status
// command. Whether the step is legal from the referral's current state, and
// whether `tidspunkt` lies in the future, are for the core to decide.
//
// Thread-safety: a constant.
#ifndef ROSA_PLUGINS_KS_CSV_HENDELSER_H_
#define ROSA_PLUGINS_KS_CSV_HENDELSER_H_

#include "plugins/ks_csv/profile.h"

namespace rosa::plugin::ks_csv {

const Profile& HendelserProfile();

}  // namespace rosa::plugin::ks_csv

#endif  // ROSA_PLUGINS_KS_CSV_HENDELSER_H_
