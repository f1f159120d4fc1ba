#include "hub/cli/pki_status_command.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "hub/pki/certificate_status.h"
#include "hub/pki/dev_pki.h"

namespace rosa {

int RunPkiStatus(const std::filesystem::path& pki_dir) {
  auto certs = pki::ListCertificates(pki::PkiPaths{pki_dir});
  if (!certs.ok()) {
    std::cerr << "rosa-hub: " << certs.status().message() << "\n";
    return 1;
  }
  const absl::Time now = absl::Now();
  std::stable_sort(
      certs->begin(), certs->end(),
      [](const pki::CertificateStatus& a, const pki::CertificateStatus& b) {
        return a.not_after < b.not_after;
      });
  std::cout << absl::StrFormat("%-8s %-16s %-10s %-22s %-34s %s\n", "ROLE",
                               "NAME", "DAYS LEFT", "NOT AFTER (UTC)", "SERIAL",
                               "SUBJECT");
  for (const pki::CertificateStatus& c : *certs) {
    std::cout << absl::StrFormat(
        "%-8s %-16s %-10d %-22s %-34s %s\n", c.role, c.name,
        static_cast<int64_t>(pki::DaysLeft(c, now)),
        absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", c.not_after,
                         absl::UTCTimeZone()),
        c.serial, c.subject);
  }
  return 0;
}

int RunPkiRenew(const std::filesystem::path& pki_dir,
                const std::string& partner_id) {
  const pki::PkiPaths paths{pki_dir};
  std::error_code ec;
  if (!std::filesystem::exists(paths.partner_cert(partner_id), ec)) {
    std::cerr << "rosa-hub: partner " << partner_id << " has no certificate in "
              << pki_dir.string() << " to renew; use `pki issue`\n";
    return 1;
  }
  if (absl::Status s = pki::IssuePartnerCertificate(paths, partner_id);
      !s.ok()) {
    std::cerr << "rosa-hub: " << s.message() << "\n";
    return 1;
  }
  auto pem = pki::ReadFile(paths.partner_cert(partner_id));
  auto cert = pem.ok() ? pki::DescribeCertificate(*pem)
                       : absl::StatusOr<pki::CertificateStatus>(pem.status());
  if (!cert.ok()) {
    std::cerr << "rosa-hub: " << cert.status().message() << "\n";
    return 1;
  }
  std::cout << "renewed " << partner_id << ": serial " << cert->serial
            << ", valid until "
            << absl::FormatTime("%Y-%m-%d", cert->not_after,
                                absl::UTCTimeZone())
            << "\nThe running hub accepts it at once. Hand "
            << paths.partner_cert(partner_id).filename().string() << " and "
            << paths.partner_key(partner_id).filename().string()
            << " to the partner; once it uses them, `pki revoke --partner "
            << partner_id << "` revokes the old certificate.\n";
  return 0;
}

}  // namespace rosa
