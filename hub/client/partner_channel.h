// A gRPC channel to the hub as one partner: mutual TLS with the partner's
// certificate and key from a PKI directory (see hub/pki/dev_pki.h). Used by
// the rosa-hub tools (hub/cli) and by the integration tests.
//
// Example:
//   absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
//       MakePartnerChannel("127.0.0.1:50051", "var/pki", "rosa");
//
// Thread-safety: functions are thread-safe; channels are thread-safe.
#ifndef ROSA_HUB_CLIENT_PARTNER_CHANNEL_H_
#define ROSA_HUB_CLIENT_PARTNER_CHANNEL_H_

#include <filesystem>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/channel_arguments.h"

namespace rosa {

// The channel arguments of a long-lived partner channel: keepalive pings
// every 30 s, also without calls, so that an idle Watch stream stays open
// through NATs.
grpc::ChannelArguments PartnerChannelArguments();

// A channel to `target` (host:port) that trusts `pki_dir`/ca.pem and
// presents `pki_dir`/<partner_id>.pem and .key, with `args`. An error if a
// file cannot be read; the channel itself connects lazily.
absl::StatusOr<std::shared_ptr<grpc::Channel>> MakePartnerChannel(
    const std::string& target, const std::filesystem::path& pki_dir,
    const std::string& partner_id,
    const grpc::ChannelArguments& args = PartnerChannelArguments());

}  // namespace rosa

#endif  // ROSA_HUB_CLIENT_PARTNER_CHANNEL_H_
