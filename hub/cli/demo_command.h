// `rosa-hub demo`: the main flow against a running hub. ROSA refers a woman
// to Oslo crisis centre; the centre marks it received, accepts it and
// records her arrival; ROSA's Watch stream prints each step as it commits.
// Thread-safety: call once from main.
#ifndef ROSA_HUB_CLI_DEMO_COMMAND_H_
#define ROSA_HUB_CLI_DEMO_COMMAND_H_

#include <string>

namespace rosa {

struct DemoOptions {
  std::string target = "127.0.0.1:50051";
  std::string pki_dir = "var/pki";
};

// Returns the process exit code.
int RunDemo(const DemoOptions& options);

}  // namespace rosa

#endif  // ROSA_HUB_CLI_DEMO_COMMAND_H_
