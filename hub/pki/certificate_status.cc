#include "hub/pki/certificate_status.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <memory>

#include "absl/strings/str_cat.h"
#include "hub/common/openssl_util.h"
#include "hub/common/status_macros.h"
#include "hub/pki/revocation.h"

namespace rosa::pki {
namespace {

using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;
using NamesPtr =
    std::unique_ptr<GENERAL_NAMES, OpenSslDeleter<GENERAL_NAMES_free>>;

absl::StatusOr<absl::Time> ToTime(const ASN1_TIME* t) {
  struct tm tm {};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) {
    return absl::InvalidArgumentError("certificate validity is unreadable");
  }
  return absl::FromTimeT(timegm(&tm));
}

std::string Subject(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0,
                                 XN_FLAG_RFC2253) < 0) {
    return "";
  }
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, len > 0 ? static_cast<size_t>(len) : 0);
}

// The partner id in the certificate's URI SAN, or "".
std::string PartnerOf(X509* cert) {
  NamesPtr names(static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
  if (!names) return "";
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
    if (name->type != GEN_URI) continue;
    const ASN1_IA5STRING* uri = name->d.uniformResourceIdentifier;
    std::string id = PartnerIdFromUri(std::string_view(
        reinterpret_cast<const char*>(uri->data), uri->length));
    if (!id.empty()) return id;
  }
  return "";
}

absl::StatusOr<CertificateStatus> DescribeFile(
    const std::filesystem::path& path) {
  ASSIGN_OR_RETURN(std::string pem, ReadFile(path));
  absl::StatusOr<CertificateStatus> status = DescribeCertificate(pem);
  if (!status.ok()) {
    return absl::Status(status.status().code(),
                        absl::StrCat(path.filename().string(), ": ",
                                     status.status().message()));
  }
  status->file = path.filename().string();
  return status;
}

}  // namespace

double DaysLeft(const CertificateStatus& cert, absl::Time now) {
  return std::floor(absl::ToDoubleHours(cert.not_after - now) / 24);
}

absl::StatusOr<CertificateStatus> DescribeCertificate(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)
                   : nullptr);
  if (!cert) return absl::InvalidArgumentError("not a PEM certificate");
  CertificateStatus out;
  ASSIGN_OR_RETURN(out.serial, CertificateSerial(pem));
  ASSIGN_OR_RETURN(out.not_before, ToTime(X509_get0_notBefore(cert.get())));
  ASSIGN_OR_RETURN(out.not_after, ToTime(X509_get0_notAfter(cert.get())));
  out.subject = Subject(cert.get());
  out.name = PartnerOf(cert.get());
  out.role = out.name.empty() ? "" : "partner";
  return out;
}

absl::StatusOr<std::vector<CertificateStatus>> ListCertificates(
    const PkiPaths& paths) {
  std::vector<CertificateStatus> out;
  ASSIGN_OR_RETURN(CertificateStatus ca, DescribeFile(paths.ca_cert()));
  ca.role = "ca";
  ca.name = "ca";
  out.push_back(std::move(ca));
  std::error_code ec;
  if (std::filesystem::exists(paths.server_cert(), ec)) {
    ASSIGN_OR_RETURN(CertificateStatus hub, DescribeFile(paths.server_cert()));
    hub.role = "server";
    hub.name = "hub";
    out.push_back(std::move(hub));
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(paths.dir, ec)) {
    const std::filesystem::path& p = entry.path();
    if (p.extension() != ".pem" || p == paths.ca_cert() ||
        p == paths.server_cert() || !entry.is_regular_file(ec)) {
      continue;
    }
    files.push_back(p);
  }
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("cannot list ", paths.dir.string()));
  }
  std::sort(files.begin(), files.end());
  for (const std::filesystem::path& p : files) {
    ASSIGN_OR_RETURN(CertificateStatus cert, DescribeFile(p));
    if (cert.role != "partner") continue;
    out.push_back(std::move(cert));
  }
  return out;
}

}  // namespace rosa::pki
