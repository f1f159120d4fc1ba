// Client channels to a hub over TLS, as a partner would open them. The
// normal case is the hub's own MakePartnerChannel (hub/client); the
// variants without a client certificate and with arbitrary certificate
// files exist for the mTLS tests.
//
// Example:
//   std::shared_ptr<grpc::Channel> channel =
//       PartnerChannel(hub->port(), hub->pki_dir(), "ks-oslo");
//
// Thread-safe: plain functions; the channels are thread-safe.
#ifndef ROSA_TESTS_INTEGRATION_PARTNER_CHANNEL_H_
#define ROSA_TESTS_INTEGRATION_PARTNER_CHANNEL_H_

#include <filesystem>
#include <memory>
#include <string_view>

#include "grpcpp/channel.h"
#include "grpcpp/support/channel_arguments.h"

namespace rosa::integration {

// rosa::MakePartnerChannel to 127.0.0.1:`port` with `args` (by default
// none: unlike the hub's tools, no keepalive). A missing file is a test
// failure (ADD_FAILURE); the channel is then made without that part.
std::shared_ptr<grpc::Channel> PartnerChannel(
    int port, const std::filesystem::path& pki_dir, std::string_view partner_id,
    const grpc::ChannelArguments& args = grpc::ChannelArguments());

// A channel trusting `pki_dir`/ca.pem, without a client certificate.
std::shared_ptr<grpc::Channel> ChannelWithoutClientCert(
    int port, const std::filesystem::path& pki_dir,
    const grpc::ChannelArguments& args = grpc::ChannelArguments());

// A channel trusting `ca_cert` and presenting `cert` and `key`.
std::shared_ptr<grpc::Channel> ChannelWithCertFiles(
    int port, const std::filesystem::path& ca_cert,
    const std::filesystem::path& cert, const std::filesystem::path& key,
    const grpc::ChannelArguments& args = grpc::ChannelArguments());

}  // namespace rosa::integration

#endif  // ROSA_TESTS_INTEGRATION_PARTNER_CHANNEL_H_
