// The entry point of libfilemon.so: nothing but the SDK's macro.
#include "plugins/filemon/filemon_codec.h"
#include "plugins/sdk/plugin.h"

ROSA_PLUGIN(rosa::plugin::filemon::FilemonPlugin)
