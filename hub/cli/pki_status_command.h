// `rosa-hub pki status`: every certificate in a PKI directory (the CA, the
// server certificate, each partner's) with subject, serial, not-after and
// days left, one per line, soonest expiry first. Exit 0, or 1 with the
// reason on stderr. Thread-safety: call from main.
#ifndef ROSA_HUB_CLI_PKI_STATUS_COMMAND_H_
#define ROSA_HUB_CLI_PKI_STATUS_COMMAND_H_

#include <filesystem>
#include <string>

namespace rosa {

int RunPkiStatus(const std::filesystem::path& pki_dir);

// `rosa-hub pki renew --partner ID`: a new certificate and key for a
// partner that already has one (pki issue, refusing a partner without a
// certificate), then prints the new serial and expiry and the next steps.
int RunPkiRenew(const std::filesystem::path& pki_dir,
                const std::string& partner_id);

}  // namespace rosa

#endif  // ROSA_HUB_CLI_PKI_STATUS_COMMAND_H_
