// Partner channels: grpc::SslCredentials from the PEM files of a PKI
// directory.
#include "hub/client/partner_channel.h"

#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "hub/common/status_macros.h"
#include "hub/pki/dev_pki.h"

namespace rosa {

grpc::ChannelArguments PartnerChannelArguments() {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30 * 1000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10 * 1000);
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  return args;
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> MakePartnerChannel(
    const std::string& target, const std::filesystem::path& pki_dir,
    const std::string& partner_id, const grpc::ChannelArguments& args) {
  const pki::PkiPaths paths{pki_dir};
  grpc::SslCredentialsOptions tls;
  ASSIGN_OR_RETURN(tls.pem_root_certs, pki::ReadFile(paths.ca_cert()));
  ASSIGN_OR_RETURN(tls.pem_cert_chain,
                   pki::ReadFile(paths.partner_cert(partner_id)));
  ASSIGN_OR_RETURN(tls.pem_private_key,
                   pki::ReadFile(paths.partner_key(partner_id)));
  return grpc::CreateCustomChannel(target, grpc::SslCredentials(tls), args);
}

}  // namespace rosa
