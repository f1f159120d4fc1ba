// A gRPC channel to the hub as one partner: mutual TLS with the partner's
// certificate and key from a PKI directory (see hub/pki/dev_pki.h), and
// keepalive pings so a long idle Watch stream stays open through NATs.
// Thread-safety: pure function; channels are thread-safe.
#ifndef ROSA_HUB_CLI_PARTNER_CHANNEL_H_
#define ROSA_HUB_CLI_PARTNER_CHANNEL_H_

#include <filesystem>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"

namespace rosa {

absl::StatusOr<std::shared_ptr<grpc::Channel>> MakePartnerChannel(
    const std::string& target, const std::filesystem::path& pki_dir,
    const std::string& partner_id);

}  // namespace rosa

#endif  // ROSA_HUB_CLI_PARTNER_CHANNEL_H_
