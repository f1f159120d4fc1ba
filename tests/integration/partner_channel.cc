// Partner channels: the hub's MakePartnerChannel, and grpc::SslCredentials
// from arbitrary PEM files for the mTLS tests.
#include "tests/integration/partner_channel.h"

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "hub/client/partner_channel.h"
#include "hub/pki/dev_pki.h"

namespace rosa::integration {
namespace {

std::string Target(int port) { return absl::StrCat("127.0.0.1:", port); }

// The file's contents; a test failure and "" if it cannot be read.
std::string ReadPem(const std::filesystem::path& path) {
  absl::StatusOr<std::string> pem = pki::ReadFile(path);
  if (!pem.ok()) {
    ADD_FAILURE() << "cannot read " << path << ": " << pem.status();
    return "";
  }
  return *std::move(pem);
}

std::shared_ptr<grpc::Channel> MakeChannel(
    int port, const grpc::SslCredentialsOptions& options,
    const grpc::ChannelArguments& args) {
  return grpc::CreateCustomChannel(Target(port), grpc::SslCredentials(options),
                                   args);
}

}  // namespace

std::shared_ptr<grpc::Channel> PartnerChannel(
    int port, const std::filesystem::path& pki_dir, std::string_view partner_id,
    const grpc::ChannelArguments& args) {
  const std::string id(partner_id);
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      MakePartnerChannel(Target(port), pki_dir, id, args);
  if (channel.ok()) return *std::move(channel);
  // Reports the missing files and makes the channel without them.
  const pki::PkiPaths paths{pki_dir};
  return ChannelWithCertFiles(port, paths.ca_cert(), paths.partner_cert(id),
                              paths.partner_key(id), args);
}

std::shared_ptr<grpc::Channel> ChannelWithoutClientCert(
    int port, const std::filesystem::path& pki_dir,
    const grpc::ChannelArguments& args) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadPem(pki::PkiPaths{pki_dir}.ca_cert());
  return MakeChannel(port, options, args);
}

std::shared_ptr<grpc::Channel> ChannelWithCertFiles(
    int port, const std::filesystem::path& ca_cert,
    const std::filesystem::path& cert, const std::filesystem::path& key,
    const grpc::ChannelArguments& args) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadPem(ca_cert);
  options.pem_cert_chain = ReadPem(cert);
  options.pem_private_key = ReadPem(key);
  return MakeChannel(port, options, args);
}

}  // namespace rosa::integration
