// Partner channels: grpc::SslCredentials from PEM files.
#include "tests/integration/partner_channel.h"

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"

namespace rosa::integration {
namespace {

std::string ReadPem(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::shared_ptr<grpc::Channel> MakeChannel(
    int port, const grpc::SslCredentialsOptions& options,
    const grpc::ChannelArguments& args) {
  return grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", port),
                                   grpc::SslCredentials(options), args);
}

}  // namespace

std::shared_ptr<grpc::Channel> PartnerChannel(
    int port, const std::filesystem::path& pki_dir, std::string_view partner_id,
    const grpc::ChannelArguments& args) {
  const std::string id(partner_id);
  return ChannelWithCertFiles(port, pki_dir / "ca.pem", pki_dir / (id + ".pem"),
                              pki_dir / (id + ".key"), args);
}

std::shared_ptr<grpc::Channel> ChannelWithoutClientCert(
    int port, const std::filesystem::path& pki_dir,
    const grpc::ChannelArguments& args) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadPem(pki_dir / "ca.pem");
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
