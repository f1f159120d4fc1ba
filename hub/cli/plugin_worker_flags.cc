#include "hub/cli/plugin_worker_flags.h"

#include "absl/time/time.h"

namespace rosa {

PluginWorkerFlags::PluginWorkerFlags(CLI::App& app, CLI::App& serve)
    : worker_(app) {
  serve
      .add_option("--plugin-workers", options_.workers_per_partner,
                  "Sandboxed worker processes per partner of a plugin, each "
                  "started when first needed (calls of one partner to one "
                  "plugin run this many at once)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  serve
      .add_flag("--plugin-fork-server,!--no-plugin-fork-server",
                options_.fork_server,
                "Fork every plugin worker from one fork server process "
                "(exec'd once) instead of exec'ing each worker")
      ->capture_default_str();
  serve
      .add_option("--plugin-call-deadline", call_deadline_,
                  "A plugin call that takes longer kills its worker; the "
                  "caller gets UNAVAILABLE")
      ->capture_default_str()
      ->check([](const std::string& text) {
        absl::Duration d;
        return absl::ParseDuration(text, &d) && d > absl::ZeroDuration()
                   ? std::string()
                   : std::string("not a positive duration like 2s or 500ms");
      });
  serve
      .add_option("--plugin-poison-after", options_.poison_after,
                  "A payload that crashed or overran this many workers is "
                  "refused (INVALID_ARGUMENT) instead of run again")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  serve
      .add_option("--plugin-worker-memory-mib", options_.memory_mib,
                  "Address-space limit of each plugin worker")
      ->capture_default_str()
      ->check(CLI::Range(64, 1 << 20));
  serve
      .add_option("--plugin-worker-cpu-seconds", options_.cpu_seconds,
                  "CPU-time limit of each plugin worker; one that has used "
                  "half of it is replaced")
      ->capture_default_str()
      ->check(CLI::Range(2, 86400));
}

PluginWorkerOptions PluginWorkerFlags::options() const {
  PluginWorkerOptions options = options_;
  // Checked by the option's validator.
  (void)absl::ParseDuration(call_deadline_, &options.call_deadline);
  return options;
}

}  // namespace rosa
