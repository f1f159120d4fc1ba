#include "plugins/sdk/sandbox_ready.h"

#include "absl/time/time.h"
#include "plugins/sdk/local_time.h"

namespace rosa::plugin {

void LoadBeforeSandbox() {
  // Formatting in Oslo time loads the zone once for the library's life.
  (void)FormatNorwegianDateTime(absl::UnixEpoch());
}

}  // namespace rosa::plugin
