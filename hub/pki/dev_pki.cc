// Implementation of the development PKI with the OpenSSL 3 C API. Every
// OpenSSL object lives in a std::unique_ptr; every OpenSSL failure becomes
// an INTERNAL status naming the operation, never the key material.
//
// Files are written and read through hub/common/private_file.h.
//
// Thread-safety: see dev_pki.h. The module has no shared state.
#include "hub/pki/dev_pki.h"

#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/name_rule.h"
#include "hub/common/openssl_util.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"
#include "hub/pki/revocation.h"

namespace rosa::pki {
namespace {

constexpr std::string_view kPartnerUriPrefix = "spiffe://rosa-hub/partner/";
constexpr char kCaCommonName[] = "rosa-hub development partner CA";
constexpr char kServerCommonName[] = "rosa-hub";
constexpr int kCaDays = 3653;   // 10 years.
constexpr int kLeafDays = 731;  // 2 years.
constexpr long kClockSkewSeconds = 3600;
constexpr size_t kMaxFileSize = 4 << 20;

using PkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BN_free>>;
using ExtPtr =
    std::unique_ptr<X509_EXTENSION, OpenSslDeleter<X509_EXTENSION_free>>;

// Writes the PEM that `bio` holds to `path` with `mode`, straight from the
// BIO's buffer (which, for a key, is wiped when freed).
absl::Status WriteBio(const std::filesystem::path& path, BIO* bio,
                      mode_t mode) {
  ASSIGN_OR_RETURN(const std::string_view data, BioData(bio));
  return WriteFileAtomically(path, data, {.mode = mode});
}

absl::Status WriteKey(const std::filesystem::path& path, EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_secmem()));  // Cleared when freed.
  // PKCS#8, unencrypted: development keys only.
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0,
                                       nullptr, nullptr) != 1) {
    return OpenSslError("PEM_write_bio_PrivateKey");
  }
  return WriteBio(path, bio.get(), 0600);
}

absl::Status WriteCert(const std::filesystem::path& path, X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) {
    return OpenSslError("PEM_write_bio_X509");
  }
  return WriteBio(path, bio.get(), 0644);
}

absl::StatusOr<PkeyPtr> GenerateKey() {
  PkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return OpenSslError("EVP_EC_gen(P-256)");
  return key;
}

// The subjectAltName value for the server, in X509V3 config syntax: IP for
// IPv4/IPv6 literals (canonicalised), DNS otherwise. Every name is checked,
// so none can smuggle a ',' or a second entry into the extension.
absl::StatusOr<std::string> HostNames(const std::vector<std::string>& hosts) {
  if (hosts.empty()) {
    return absl::InvalidArgumentError("server certificate needs a host");
  }
  std::string names;
  for (const std::string& host : hosts) {
    unsigned char ip[16];
    char text[INET6_ADDRSTRLEN];
    const int family = inet_pton(AF_INET, host.c_str(), ip) == 1    ? AF_INET
                       : inet_pton(AF_INET6, host.c_str(), ip) == 1 ? AF_INET6
                                                                    : 0;
    if (family != 0 && inet_ntop(family, ip, text, sizeof(text)) != nullptr) {
      absl::StrAppend(&names, names.empty() ? "" : ",", "IP:", text);
    } else if (!host.empty() && host.size() <= 253 &&
               host.find_first_not_of(
                   "abcdefghijklmnopqrstuvwxyz"
                   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") ==
                   std::string::npos) {
      absl::StrAppend(&names, names.empty() ? "" : ",", "DNS:", host);
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid server host \"", absl::CHexEscape(host), "\""));
    }
  }
  return names;
}

absl::Status AddExtension(X509V3_CTX* ctx, X509* cert, int nid,
                          const char* value) {
  ExtPtr ext(X509V3_EXT_nconf_nid(nullptr, ctx, nid, value));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) {
    return OpenSslError(absl::StrCat("adding ", OBJ_nid2sn(nid)));
  }
  return absl::OkStatus();
}

// What distinguishes the three kinds of certificate.
struct CertSpec {
  const char* common_name;
  int days;
  bool is_ca;
  const char* key_usage;
  const char* extended_key_usage = nullptr;  // nullptr for none.
  std::string subject_alt_names = {};        // X509V3 config syntax.
};

// Makes a certificate for `subject_key`, signed by `issuer_key`; `issuer`
// is nullptr for a self-signed certificate.
absl::StatusOr<X509Ptr> MakeCertificate(const CertSpec& spec,
                                        EVP_PKEY* subject_key, X509* issuer,
                                        EVP_PKEY* issuer_key) {
  X509Ptr cert(X509_new());
  if (!cert) return OpenSslError("X509_new");
  if (X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      X509_set_pubkey(cert.get(), subject_key) != 1) {
    return OpenSslError("setting version and public key");
  }

  // 16 random bytes; top bit clear (positive, no padding byte) and next bit
  // set so the DER encoding is always exactly 16 bytes.
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof(serial)) != 1) {
    return OpenSslError("RAND_bytes");
  }
  serial[0] = (serial[0] & 0x7f) | 0x40;
  BignumPtr bn(BN_bin2bn(serial, sizeof(serial), nullptr));
  if (!bn || BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get())) ==
                 nullptr) {
    return OpenSslError("setting serial number");
  }

  if (X509_gmtime_adj(X509_getm_notBefore(cert.get()), -kClockSkewSeconds) ==
          nullptr ||
      X509_time_adj_ex(X509_getm_notAfter(cert.get()), spec.days, 0, nullptr) ==
          nullptr) {
    return OpenSslError("setting validity");
  }

  X509_NAME* name = X509_get_subject_name(cert.get());
  const auto* cn = reinterpret_cast<const unsigned char*>(spec.common_name);
  if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, cn, -1, -1, 0) !=
          1 ||
      X509_set_issuer_name(
          cert.get(), issuer ? X509_get_subject_name(issuer) : name) != 1) {
    return OpenSslError("setting subject and issuer names");
  }

  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer != nullptr ? issuer : cert.get(), cert.get(),
                 nullptr, nullptr, 0);
  RETURN_IF_ERROR(AddExtension(
      &ctx, cert.get(), NID_basic_constraints,
      spec.is_ca ? "critical,CA:TRUE,pathlen:0" : "critical,CA:FALSE"));
  RETURN_IF_ERROR(
      AddExtension(&ctx, cert.get(), NID_key_usage, spec.key_usage));
  if (spec.extended_key_usage != nullptr) {
    RETURN_IF_ERROR(AddExtension(&ctx, cert.get(), NID_ext_key_usage,
                                 spec.extended_key_usage));
  }
  RETURN_IF_ERROR(
      AddExtension(&ctx, cert.get(), NID_subject_key_identifier, "hash"));
  if (issuer != nullptr) {
    RETURN_IF_ERROR(AddExtension(&ctx, cert.get(), NID_authority_key_identifier,
                                 "keyid:always"));
  }
  if (!spec.subject_alt_names.empty()) {
    RETURN_IF_ERROR(AddExtension(&ctx, cert.get(), NID_subject_alt_name,
                                 spec.subject_alt_names.c_str()));
  }

  if (X509_sign(cert.get(), issuer_key, EVP_sha256()) <= 0) {
    return OpenSslError("X509_sign");
  }
  return cert;
}

struct Ca {
  X509Ptr cert;
  PkeyPtr key;
};

// Never prompts for a passphrase: development keys are unencrypted.
int NoPassword(char*, int, int, void*) { return -1; }

absl::StatusOr<Ca> LoadCa(const PkiPaths& paths) {
  std::error_code ec;
  if (!std::filesystem::exists(paths.ca_cert(), ec)) {
    return absl::FailedPreconditionError(
        absl::StrCat("no CA in ", paths.dir.string(), "; run InitCa first"));
  }
  ASSIGN_OR_RETURN(std::string cert_pem, ReadFile(paths.ca_cert()));
  ASSIGN_OR_RETURN(std::string key_pem, ReadPrivateFile(paths.ca_key()));
  BioPtr cert_bio(BIO_new_mem_buf(cert_pem.data(), cert_pem.size()));
  BioPtr key_bio(BIO_new_mem_buf(key_pem.data(), key_pem.size()));
  Ca ca;
  if (cert_bio && key_bio) {
    ca.cert.reset(PEM_read_bio_X509(cert_bio.get(), nullptr, NoPassword, {}));
    ca.key.reset(
        PEM_read_bio_PrivateKey(key_bio.get(), nullptr, NoPassword, {}));
  }
  OPENSSL_cleanse(key_pem.data(), key_pem.size());
  if (!ca.cert || !ca.key) {
    return OpenSslError(absl::StrCat("reading the CA in ", paths.dir.string()));
  }
  if (X509_check_private_key(ca.cert.get(), ca.key.get()) != 1) {
    ERR_clear_error();
    return absl::FailedPreconditionError(absl::StrCat(
        paths.ca_key().string(), " does not match ", paths.ca_cert().string()));
  }
  return ca;
}

// Issues a leaf certificate and key and writes them, key first.
absl::Status IssueLeaf(const Ca& ca, const CertSpec& spec,
                       const std::filesystem::path& cert_path,
                       const std::filesystem::path& key_path) {
  ASSIGN_OR_RETURN(PkeyPtr key, GenerateKey());
  ASSIGN_OR_RETURN(X509Ptr cert, MakeCertificate(spec, key.get(), ca.cert.get(),
                                                 ca.key.get()));
  RETURN_IF_ERROR(WriteKey(key_path, key.get()));
  return WriteCert(cert_path, cert.get());
}

absl::Status IssueServerCertificate(const PkiPaths& paths, const Ca& ca,
                                    const std::vector<std::string>& hosts) {
  ASSIGN_OR_RETURN(std::string names, HostNames(hosts));
  const CertSpec spec{.common_name = kServerCommonName,
                      .days = kLeafDays,
                      .is_ca = false,
                      .key_usage = "critical,digitalSignature,keyEncipherment",
                      .extended_key_usage = "serverAuth",
                      .subject_alt_names = std::move(names)};
  return IssueLeaf(ca, spec, paths.server_cert(), paths.server_key());
}

absl::Status CheckPartnerId(std::string_view id) {
  if (IsValidName(id)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "invalid partner id \"",
      absl::CHexEscape(absl::string_view(id.data(), id.size())), "\""));
}

}  // namespace

std::string PartnerUri(std::string_view partner_id) {
  return std::string(kPartnerUriPrefix).append(partner_id);
}

std::string PartnerIdFromUri(std::string_view uri) {
  if (!uri.starts_with(kPartnerUriPrefix)) return "";
  uri.remove_prefix(kPartnerUriPrefix.size());
  return IsValidName(uri) ? std::string(uri) : "";
}

absl::Status InitCa(const PkiPaths& paths,
                    const std::vector<std::string>& server_hosts) {
  // Check the hosts before writing anything.
  RETURN_IF_ERROR(HostNames(server_hosts).status());
  RETURN_IF_ERROR(EnsureDirectory(paths.dir));
  std::error_code ec;
  if (std::filesystem::exists(paths.ca_cert(), ec)) {
    if (std::filesystem::exists(paths.server_cert(), ec)) {
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(Ca ca, LoadCa(paths));
    return IssueServerCertificate(paths, ca, server_hosts);
  }
  Ca ca;
  ASSIGN_OR_RETURN(ca.key, GenerateKey());
  const CertSpec spec{.common_name = kCaCommonName,
                      .days = kCaDays,
                      .is_ca = true,
                      .key_usage = "critical,keyCertSign,cRLSign"};
  ASSIGN_OR_RETURN(ca.cert,
                   MakeCertificate(spec, ca.key.get(), nullptr, ca.key.get()));
  // ca.pem last: its presence means the CA is complete.
  RETURN_IF_ERROR(WriteKey(paths.ca_key(), ca.key.get()));
  RETURN_IF_ERROR(WriteCert(paths.ca_cert(), ca.cert.get()));
  return IssueServerCertificate(paths, ca, server_hosts);
}

absl::Status IssuePartnerCertificate(const PkiPaths& paths,
                                     std::string_view partner_id) {
  RETURN_IF_ERROR(CheckPartnerId(partner_id));
  ASSIGN_OR_RETURN(Ca ca, LoadCa(paths));
  const std::string id(partner_id);
  const CertSpec spec{.common_name = id.c_str(),
                      .days = kLeafDays,
                      .is_ca = false,
                      .key_usage = "critical,digitalSignature",
                      .extended_key_usage = "clientAuth",
                      .subject_alt_names = "URI:" + PartnerUri(id)};
  RETURN_IF_ERROR(
      IssueLeaf(ca, spec, paths.partner_cert(id), paths.partner_key(id)));
  // Recorded so that `pki revoke --partner` finds it once it is replaced.
  ASSIGN_OR_RETURN(const std::string pem, ReadFile(paths.partner_cert(id)));
  ASSIGN_OR_RETURN(const std::string serial, CertificateSerial(pem));
  return RecordIssued(paths, serial, id);
}

absl::Status EnsurePartnerCertificate(const PkiPaths& paths,
                                      std::string_view partner_id) {
  RETURN_IF_ERROR(CheckPartnerId(partner_id));
  std::error_code ec;
  if (std::filesystem::exists(paths.partner_cert(partner_id), ec)) {
    return absl::OkStatus();
  }
  return IssuePartnerCertificate(paths, partner_id);
}

absl::StatusOr<std::string> ReadFile(const std::filesystem::path& path) {
  return ReadSmallFile(path, kMaxFileSize);
}

}  // namespace rosa::pki
