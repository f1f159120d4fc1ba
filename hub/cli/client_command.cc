#include "hub/cli/client_command.h"

#include <fstream>
#include <iostream>
#include <iterator>
#include <thread>

#include "absl/strings/str_cat.h"
#include "hub/client/gateway_client.h"
#include "hub/client/health_check.h"
#include "hub/client/partner_channel.h"
#include "hub/common/hub_clock.h"

namespace rosa {
namespace {

constexpr absl::Duration kPollInterval = absl::Milliseconds(250);
constexpr absl::Duration kCallTimeout = absl::Seconds(5);
constexpr absl::Duration kIngestTimeout = absl::Seconds(60);

}  // namespace

int RunClientHealth(const ClientOptions& options) {
  // How long it waits: on the steady clock, whatever the wall clock does.
  const SteadyClock steady;
  const absl::Time give_up = steady.Now() + options.wait;
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
    if (steady.Now() + kPollInterval > give_up) break;
    std::this_thread::sleep_for(absl::ToChronoMilliseconds(kPollInterval));
  }
  std::cerr << "rosa-hub: not serving: " << last << "\n";
  return 1;
}

int RunClientIngest(const ClientIngestOptions& options) {
  std::ifstream in(options.file, std::ios::binary);
  if (!in) {
    std::cerr << "rosa-hub: cannot read " << options.file << "\n";
    return 1;
  }
  const std::string payload((std::istreambuf_iterator<char>(in)),
                            std::istreambuf_iterator<char>());
  auto channel = MakePartnerChannel(
      options.client.target, options.client.pki_dir, options.client.partner);
  if (!channel.ok()) {
    std::cerr << "rosa-hub: " << channel.status().message() << "\n";
    return 1;
  }
  const IngestResult result =
      IngestPayload(*channel, options.content_type, payload, kIngestTimeout);
  for (const auto& outcome : result.response.records()) {
    std::cout << OutcomeLine(outcome) << "\n";
  }
  for (const auto& warning : result.response.warnings()) {
    std::cout << "warning: " << OutcomeLine(warning) << "\n";
  }
  if (!result.status.ok()) {
    std::cerr << "rosa-hub: not applied: "
              << absl::StatusCodeToString(result.status.code()) << ": "
              << result.status.message() << "\n";
    return 1;
  }
  std::cout << "applied\n";
  return 0;
}

int RunClientSubscribe(const ClientSubscribeOptions& options) {
  auto channel = MakePartnerChannel(
      options.client.target, options.client.pki_dir, options.client.partner);
  if (!channel.ok()) {
    std::cerr << "rosa-hub: " << channel.status().message() << "\n";
    return 1;
  }
  int seen = 0;
  const absl::Status status = SubscribeEncoded(
      *channel, options.after_cursor, options.duration,
      [&](const rosa::hub::v1::EncodedEvent& event) {
        std::cout << "--- cursor " << event.cursor() << ": " << event.name()
                  << " (" << event.content_type() << ")\n"
                  << event.payload();
        if (!event.payload().empty() && event.payload().back() != '\n') {
          std::cout << "\n";
        }
        std::cout.flush();
        return options.count == 0 || ++seen < options.count;
      });
  if (!status.ok()) {
    std::cerr << "rosa-hub: subscribe ended: "
              << absl::StatusCodeToString(status.code()) << ": "
              << status.message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace rosa
