// The entry point of libks_csv.so.
#include "plugins/ks_csv/ks_csv.h"

ROSA_PLUGIN(rosa::plugin::ks_csv::KsCsvPlugin)
