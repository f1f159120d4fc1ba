// The entry point of libiom_avrr.so.
#include "plugins/iom_avrr/iom_avrr.h"

ROSA_PLUGIN(rosa::plugin::iom_avrr::IomAvrrPlugin)
