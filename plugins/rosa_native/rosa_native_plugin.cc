// The entry point of librosa_native.so.
#include "plugins/rosa_native/rosa_native.h"

ROSA_PLUGIN(rosa::plugin::rosa_native::RosaNativePlugin)
