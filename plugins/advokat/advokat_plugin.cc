// The entry point of libadvokat.so: nothing but the SDK's macro.
#include "plugins/advokat/advokat_codec.h"
#include "plugins/sdk/plugin.h"

ROSA_PLUGIN(rosa::plugin::advokat::AdvokatPlugin)
