#include "hub/plugin_host/worker_options.h"

#include <sys/stat.h>
#include <unistd.h>

#include <system_error>

namespace rosa {

std::filesystem::path DefaultWorkerExecutable() {
  constexpr char kSelf[] = "/proc/self/exe";
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink(kSelf, ec);
  if (ec) return kSelf;
  std::filesystem::path lean = self.parent_path() / kWorkerExecutableName;
  struct stat st;
  if (stat(lean.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
      access(lean.c_str(), X_OK) == 0) {
    return lean;
  }
  return kSelf;
}

}  // namespace rosa
