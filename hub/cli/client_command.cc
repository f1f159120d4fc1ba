#include "hub/cli/client_command.h"

#include <iostream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "hub/client/health_check.h"
#include "hub/client/partner_channel.h"

namespace rosa {
namespace {

constexpr absl::Duration kPollInterval = absl::Milliseconds(250);
constexpr absl::Duration kCallTimeout = absl::Seconds(5);

}  // namespace

int RunClientHealth(const ClientOptions& options) {
  const absl::Time give_up = absl::Now() + options.wait;
  std::string last;
  while (true) {
    // A fresh channel per attempt: while the hub is still starting, a
    // channel's reconnect backoff would otherwise outlast the hub's start.
    auto channel =
        MakePartnerChannel(options.target, options.pki_dir, options.partner);
    if (!channel.ok()) {
      std::cerr << "rosa-hub: " << channel.status().message() << "\n";
      return 1;
    }
    absl::StatusOr<HealthState> state = CheckHealth(**channel, kCallTimeout);
    if (state.ok() && *state == HealthState::kServing) {
      std::cout << HealthStateName(*state) << "\n";
      return 0;
    }
    last = state.ok() ? std::string(HealthStateName(*state))
                      : std::string(state.status().message());
    if (absl::Now() + kPollInterval > give_up) break;
    std::this_thread::sleep_for(absl::ToChronoMilliseconds(kPollInterval));
  }
  std::cerr << "rosa-hub: not serving: " << last << "\n";
  return 1;
}

}  // namespace rosa
