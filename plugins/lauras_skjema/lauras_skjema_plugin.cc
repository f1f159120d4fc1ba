// The entry point of liblauras_skjema.so.
#include "plugins/lauras_skjema/lauras_skjema.h"

ROSA_PLUGIN(rosa::plugin::lauras_skjema::LaurasSkjemaPlugin)
