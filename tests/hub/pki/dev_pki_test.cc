// Tests for the development PKI: file layout and modes, idempotence, and
// that the certificates verify (or not) with OpenSSL's own X509_verify_cert
// and carry the identities the hub relies on.
//
// Thread-safety: each test uses its own temporary directory.
#include "hub/pki/dev_pki.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/common/openssl_util.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::pki {
namespace {

namespace fs = std::filesystem;

using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;
using StorePtr = std::unique_ptr<X509_STORE, OpenSslDeleter<X509_STORE_free>>;
using StoreCtxPtr =
    std::unique_ptr<X509_STORE_CTX, OpenSslDeleter<X509_STORE_CTX_free>>;
using GeneralNamesPtr =
    std::unique_ptr<GENERAL_NAMES, OpenSslDeleter<GENERAL_NAMES_free>>;

X509Ptr LoadCert(const fs::path& path) {
  absl::StatusOr<std::string> pem = ReadFile(path);
  if (!pem.ok()) {
    ADD_FAILURE() << pem.status();
    return nullptr;
  }
  BioPtr bio(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())));
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) ADD_FAILURE() << "cannot parse " << path;
  return cert;
}

PkeyPtr LoadKey(const fs::path& path) {
  absl::StatusOr<std::string> pem = ReadFile(path);
  if (!pem.ok()) {
    ADD_FAILURE() << pem.status();
    return nullptr;
  }
  BioPtr bio(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())));
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key) ADD_FAILURE() << "cannot parse " << path;
  return key;
}

// X509_verify_cert of `leaf_path` against `ca_path` as the only trust
// anchor, for `purpose`; returns the verify error (X509_V_OK on success).
int Verify(const fs::path& ca_path, const fs::path& leaf_path, int purpose) {
  X509Ptr ca = LoadCert(ca_path);
  X509Ptr leaf = LoadCert(leaf_path);
  if (!ca || !leaf) return -1;
  StorePtr store(X509_STORE_new());
  EXPECT_EQ(X509_STORE_add_cert(store.get(), ca.get()), 1);
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  EXPECT_EQ(X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), nullptr),
            1);
  EXPECT_EQ(X509_STORE_CTX_set_purpose(ctx.get(), purpose), 1);
  const int ok = X509_verify_cert(ctx.get());
  const int error = X509_STORE_CTX_get_error(ctx.get());
  ERR_clear_error();
  if (ok == 1) return X509_V_OK;
  return error == X509_V_OK ? -1 : error;
}

std::string CommonName(X509* cert) {
  char buf[256] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, buf,
                            sizeof(buf));
  return buf;
}

// The SANs as "URI:...", "DNS:...", "IP:<n bytes>".
std::vector<std::string> SubjectAltNames(X509* cert) {
  std::vector<std::string> out;
  GeneralNamesPtr names(static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
  if (!names) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
    int type = 0;
    const auto* value =
        static_cast<const ASN1_STRING*>(GENERAL_NAME_get0_value(name, &type));
    const std::string text(
        reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
        ASN1_STRING_length(value));
    switch (type) {
      case GEN_URI:
        out.push_back("URI:" + text);
        break;
      case GEN_DNS:
        out.push_back("DNS:" + text);
        break;
      case GEN_IPADD:
        out.push_back(absl::StrCat("IP:<", text.size(), " bytes>"));
        break;
      default:
        out.push_back(absl::StrCat("other:", type));
    }
  }
  return out;
}

mode_t Mode(const fs::path& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    ADD_FAILURE() << "cannot stat " << path;
    return 0;
  }
  return st.st_mode & 07777;
}

class DevPkiTest : public ::testing::Test {
 protected:
  const testutil::TempDir temp_dir_;
  const fs::path root_ = temp_dir_.path();
  PkiPaths paths_{root_ / "pki"};
};

TEST_F(DevPkiTest, InitCaCreatesFilesWithModes) {
  ASSERT_TRUE(InitCa(paths_).ok());
  EXPECT_EQ(Mode(paths_.dir), 0700);
  EXPECT_EQ(Mode(paths_.ca_key()), 0600);
  EXPECT_EQ(Mode(paths_.server_key()), 0600);
  EXPECT_EQ(Mode(paths_.ca_cert()), 0644);
  EXPECT_EQ(Mode(paths_.server_cert()), 0644);

  // Nothing else: no temporary files left behind.
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(paths_.dir)) {
    names.push_back(entry.path().filename().string());
  }
  EXPECT_THAT(names, ::testing::UnorderedElementsAre("ca.pem", "ca.key",
                                                     "hub.pem", "hub.key"));

  absl::StatusOr<std::string> key = ReadFile(paths_.ca_key());
  ASSERT_TRUE(key.ok());
  EXPECT_THAT(*key, ::testing::StartsWith("-----BEGIN PRIVATE KEY-----\n"));
}

TEST_F(DevPkiTest, CaCertificateIsAConstrainedCa) {
  ASSERT_TRUE(InitCa(paths_).ok());
  X509Ptr ca = LoadCert(paths_.ca_cert());
  ASSERT_TRUE(ca);
  EXPECT_EQ(CommonName(ca.get()), "rosa-hub development partner CA");
  EXPECT_EQ(X509_check_ca(ca.get()), 1);
  EXPECT_EQ(X509_get_pathlen(ca.get()), 0);
  EXPECT_EQ(X509_get_key_usage(ca.get()), KU_KEY_CERT_SIGN | KU_CRL_SIGN);
  EXPECT_NE(X509_get0_subject_key_id(ca.get()), nullptr);
  EXPECT_EQ(X509_get_signature_nid(ca.get()), NID_ecdsa_with_SHA256);
  EXPECT_EQ(X509_verify(ca.get(), X509_get0_pubkey(ca.get())), 1);
  int crit = 0;
  std::unique_ptr<BASIC_CONSTRAINTS, OpenSslDeleter<BASIC_CONSTRAINTS_free>> bc(
      static_cast<BASIC_CONSTRAINTS*>(
          X509_get_ext_d2i(ca.get(), NID_basic_constraints, &crit, nullptr)));
  ASSERT_TRUE(bc);
  EXPECT_EQ(crit, 1);
  EXPECT_TRUE(bc->ca);

  // About ten years, starting a little in the past.
  int days = 0, seconds = 0;
  ASSERT_EQ(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(ca.get()),
                           X509_get0_notAfter(ca.get())),
            1);
  EXPECT_GE(days, 3650);
  EXPECT_LE(days, 3654);
  EXPECT_LT(X509_cmp_current_time(X509_get0_notBefore(ca.get())), 0);

  PkeyPtr key = LoadKey(paths_.ca_key());
  ASSERT_TRUE(key);
  EXPECT_EQ(X509_check_private_key(ca.get(), key.get()), 1);
  EXPECT_EQ(EVP_PKEY_get_base_id(key.get()), EVP_PKEY_EC);
  EXPECT_EQ(EVP_PKEY_get_bits(key.get()), 256);
}

TEST_F(DevPkiTest, InitCaIsIdempotent) {
  ASSERT_TRUE(InitCa(paths_).ok());
  absl::StatusOr<std::string> ca1 = ReadFile(paths_.ca_cert());
  absl::StatusOr<std::string> hub1 = ReadFile(paths_.server_cert());
  ASSERT_TRUE(ca1.ok());
  ASSERT_TRUE(hub1.ok());
  ASSERT_TRUE(InitCa(paths_).ok());
  EXPECT_EQ(ReadFile(paths_.ca_cert()).value(), *ca1);
  EXPECT_EQ(ReadFile(paths_.server_cert()).value(), *hub1);
}

TEST_F(DevPkiTest, InitCaReissuesMissingServerCertificate) {
  ASSERT_TRUE(InitCa(paths_).ok());
  const std::string ca = ReadFile(paths_.ca_cert()).value();
  const std::string hub = ReadFile(paths_.server_cert()).value();
  fs::remove(paths_.server_cert());
  ASSERT_TRUE(InitCa(paths_).ok());
  EXPECT_EQ(ReadFile(paths_.ca_cert()).value(), ca);
  EXPECT_NE(ReadFile(paths_.server_cert()).value(), hub);
  EXPECT_EQ(
      Verify(paths_.ca_cert(), paths_.server_cert(), X509_PURPOSE_SSL_SERVER),
      X509_V_OK);
}

TEST_F(DevPkiTest, ServerCertificateNamesLocalhost) {
  ASSERT_TRUE(InitCa(paths_).ok());
  EXPECT_EQ(
      Verify(paths_.ca_cert(), paths_.server_cert(), X509_PURPOSE_SSL_SERVER),
      X509_V_OK);
  X509Ptr hub = LoadCert(paths_.server_cert());
  ASSERT_TRUE(hub);
  EXPECT_EQ(CommonName(hub.get()), "rosa-hub");
  EXPECT_THAT(SubjectAltNames(hub.get()),
              ::testing::ElementsAre("DNS:localhost", "IP:<4 bytes>"));
  EXPECT_EQ(X509_check_host(hub.get(), "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_ip_asc(hub.get(), "127.0.0.1", 0), 1);
  EXPECT_NE(X509_check_host(hub.get(), "example.com", 0, 0, nullptr), 1);
  EXPECT_NE(X509_check_ip_asc(hub.get(), "127.0.0.2", 0), 1);
  EXPECT_EQ(X509_check_ca(hub.get()), 0);
  std::unique_ptr<BASIC_CONSTRAINTS, OpenSslDeleter<BASIC_CONSTRAINTS_free>> bc(
      static_cast<BASIC_CONSTRAINTS*>(X509_get_ext_d2i(
          hub.get(), NID_basic_constraints, nullptr, nullptr)));
  ASSERT_TRUE(bc);  // Present, and CA:FALSE.
  EXPECT_FALSE(bc->ca);
  EXPECT_TRUE(X509_get_extended_key_usage(hub.get()) & XKU_SSL_SERVER);
  EXPECT_FALSE(X509_get_extended_key_usage(hub.get()) & XKU_SSL_CLIENT);
  EXPECT_EQ(X509_get_key_usage(hub.get()),
            KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT);
  EXPECT_NE(X509_get0_authority_key_id(hub.get()), nullptr);
  PkeyPtr key = LoadKey(paths_.server_key());
  ASSERT_TRUE(key);
  EXPECT_EQ(X509_check_private_key(hub.get(), key.get()), 1);
}

TEST_F(DevPkiTest, ServerHostsAreDnsOrIp) {
  ASSERT_TRUE(InitCa(paths_, {"hub.example.no", "::1", "10.0.0.7"}).ok());
  X509Ptr hub = LoadCert(paths_.server_cert());
  ASSERT_TRUE(hub);
  EXPECT_THAT(SubjectAltNames(hub.get()),
              ::testing::ElementsAre("DNS:hub.example.no", "IP:<16 bytes>",
                                     "IP:<4 bytes>"));
  EXPECT_EQ(X509_check_ip_asc(hub.get(), "::1", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(hub.get(), "10.0.0.7", 0), 1);
}

TEST_F(DevPkiTest, BadServerHostsWriteNothing) {
  EXPECT_EQ(InitCa(paths_, {}).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(InitCa(paths_, {"a,DNS:evil"}).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(InitCa(paths_, {""}).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(fs::exists(paths_.ca_cert()));
  EXPECT_FALSE(fs::exists(paths_.ca_key()));
}

TEST_F(DevPkiTest, PartnerCertificateVerifiesAndNamesPartner) {
  ASSERT_TRUE(InitCa(paths_).ok());
  ASSERT_TRUE(IssuePartnerCertificate(paths_, "krisesenter-oslo").ok());
  EXPECT_EQ(Mode(paths_.partner_key("krisesenter-oslo")), 0600);
  EXPECT_EQ(Mode(paths_.partner_cert("krisesenter-oslo")), 0644);
  EXPECT_EQ(Verify(paths_.ca_cert(), paths_.partner_cert("krisesenter-oslo"),
                   X509_PURPOSE_SSL_CLIENT),
            X509_V_OK);
  // A client certificate is no server certificate.
  EXPECT_NE(Verify(paths_.ca_cert(), paths_.partner_cert("krisesenter-oslo"),
                   X509_PURPOSE_SSL_SERVER),
            X509_V_OK);

  X509Ptr cert = LoadCert(paths_.partner_cert("krisesenter-oslo"));
  ASSERT_TRUE(cert);
  EXPECT_EQ(CommonName(cert.get()), "krisesenter-oslo");
  EXPECT_THAT(
      SubjectAltNames(cert.get()),
      ::testing::ElementsAre("URI:spiffe://rosa-hub/partner/krisesenter-oslo"));
  EXPECT_TRUE(X509_get_extended_key_usage(cert.get()) & XKU_SSL_CLIENT);
  EXPECT_FALSE(X509_get_extended_key_usage(cert.get()) & XKU_SSL_SERVER);
  EXPECT_EQ(X509_check_ca(cert.get()), 0);
  EXPECT_NE(X509_get0_authority_key_id(cert.get()), nullptr);
  EXPECT_EQ(X509_get_signature_nid(cert.get()), NID_ecdsa_with_SHA256);

  const ASN1_INTEGER* serial = X509_get0_serialNumber(cert.get());
  EXPECT_EQ(ASN1_STRING_type(serial), V_ASN1_INTEGER);  // Not negative.
  EXPECT_EQ(ASN1_STRING_length(serial), 16);
  EXPECT_EQ(i2d_ASN1_INTEGER(serial, nullptr), 2 + 16);  // No 0x00 padding.

  int days = 0, seconds = 0;
  ASSERT_EQ(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(cert.get()),
                           X509_get0_notAfter(cert.get())),
            1);
  EXPECT_GE(days, 730);
  EXPECT_LE(days, 732);

  PkeyPtr key = LoadKey(paths_.partner_key("krisesenter-oslo"));
  ASSERT_TRUE(key);
  EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1);
}

TEST_F(DevPkiTest, SerialNumbersDiffer) {
  ASSERT_TRUE(InitCa(paths_).ok());
  ASSERT_TRUE(IssuePartnerCertificate(paths_, "p1").ok());
  ASSERT_TRUE(IssuePartnerCertificate(paths_, "p2").ok());
  X509Ptr a = LoadCert(paths_.partner_cert("p1"));
  X509Ptr b = LoadCert(paths_.partner_cert("p2"));
  ASSERT_TRUE(a && b);
  EXPECT_NE(ASN1_INTEGER_cmp(X509_get0_serialNumber(a.get()),
                             X509_get0_serialNumber(b.get())),
            0);
}

TEST_F(DevPkiTest, CertificateFromOtherCaDoesNotVerify) {
  PkiPaths other{root_ / "other"};
  ASSERT_TRUE(InitCa(paths_).ok());
  ASSERT_TRUE(InitCa(other).ok());
  ASSERT_TRUE(IssuePartnerCertificate(other, "intruder").ok());
  EXPECT_EQ(Verify(other.ca_cert(), other.partner_cert("intruder"),
                   X509_PURPOSE_SSL_CLIENT),
            X509_V_OK);
  EXPECT_EQ(Verify(paths_.ca_cert(), other.partner_cert("intruder"),
                   X509_PURPOSE_SSL_CLIENT),
            X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
  EXPECT_NE(
      Verify(paths_.ca_cert(), other.server_cert(), X509_PURPOSE_SSL_SERVER),
      X509_V_OK);
}

TEST_F(DevPkiTest, IssueReplacesButEnsureKeeps) {
  ASSERT_TRUE(InitCa(paths_).ok());
  ASSERT_TRUE(EnsurePartnerCertificate(paths_, "p1").ok());
  const std::string first = ReadFile(paths_.partner_cert("p1")).value();
  ASSERT_TRUE(EnsurePartnerCertificate(paths_, "p1").ok());
  EXPECT_EQ(ReadFile(paths_.partner_cert("p1")).value(), first);
  ASSERT_TRUE(IssuePartnerCertificate(paths_, "p1").ok());
  EXPECT_NE(ReadFile(paths_.partner_cert("p1")).value(), first);
  X509Ptr cert = LoadCert(paths_.partner_cert("p1"));
  PkeyPtr key = LoadKey(paths_.partner_key("p1"));
  ASSERT_TRUE(cert && key);
  EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1);
}

TEST_F(DevPkiTest, InvalidPartnerIdRefused) {
  ASSERT_TRUE(InitCa(paths_).ok());
  for (const char* id :
       {"../x", "", "a", "-ab", "ab-", "Ab", "a b", "a/b", "a.key", "ab\n"}) {
    EXPECT_EQ(IssuePartnerCertificate(paths_, id).code(),
              absl::StatusCode::kInvalidArgument)
        << id;
    EXPECT_EQ(EnsurePartnerCertificate(paths_, id).code(),
              absl::StatusCode::kInvalidArgument)
        << id;
  }
  EXPECT_EQ(IssuePartnerCertificate(paths_, std::string(64, 'a')).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(fs::exists(root_ / "x.key"));
  EXPECT_FALSE(fs::exists(root_ / "x.pem"));
  EXPECT_TRUE(IssuePartnerCertificate(paths_, std::string(63, 'a')).ok());
}

TEST_F(DevPkiTest, FailedWriteLeavesNoTemporaryFile) {
  ASSERT_TRUE(InitCa(paths_).ok());
  // A directory where the certificate should go makes the rename fail.
  fs::create_directory(paths_.partner_cert("p1"));
  EXPECT_FALSE(IssuePartnerCertificate(paths_, "p1").ok());
  for (const auto& entry : fs::directory_iterator(paths_.dir)) {
    EXPECT_THAT(entry.path().filename().string(),
                ::testing::Not(::testing::HasSubstr(".tmp")));
  }
}

TEST_F(DevPkiTest, IssueWithoutCaFails) {
  const absl::Status status = IssuePartnerCertificate(paths_, "p1");
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_FALSE(fs::exists(paths_.partner_cert("p1")));
}

TEST_F(DevPkiTest, ErrorsNeverContainKeys) {
  ASSERT_TRUE(InitCa(paths_).ok());
  // Replace the CA key with another valid key: loading must fail without
  // echoing either key.
  PkiPaths other{root_ / "other"};
  ASSERT_TRUE(InitCa(other).ok());
  fs::copy_file(other.ca_key(), paths_.ca_key(),
                fs::copy_options::overwrite_existing);
  const absl::Status status = IssuePartnerCertificate(paths_, "p1");
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()),
              ::testing::Not(::testing::HasSubstr("PRIVATE KEY")));
  EXPECT_THAT(std::string(status.message()),
              ::testing::Not(::testing::HasSubstr("MIG")));
}

TEST_F(DevPkiTest, ReadFileMissingIsNotFound) {
  EXPECT_EQ(ReadFile(root_ / "missing.pem").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(PartnerUriTest, RoundTrip) {
  EXPECT_EQ(PartnerUri("krisesenter-oslo"),
            "spiffe://rosa-hub/partner/krisesenter-oslo");
  for (const char* id : {"p1", "krisesenter-oslo", "a-b-c", "00"}) {
    EXPECT_EQ(PartnerIdFromUri(PartnerUri(id)), id);
  }
}

TEST(PartnerUriTest, RejectsOthers) {
  for (const char* uri :
       {"", "spiffe://rosa-hub/partner/", "spiffe://rosa-hub/partner/../x",
        "spiffe://rosa-hub/partner/a/b", "spiffe://rosa-hub/partner/x",
        "spiffe://rosa-hub/partner/X1", "spiffe://rosa-hub/partner/-x1",
        "spiffe://rosa-hub/partner/x1?y", "spiffe://other/partner/x1",
        "SPIFFE://rosa-hub/partner/x1", "spiffe://rosa-hub/partners/x1",
        " spiffe://rosa-hub/partner/x1", "https://rosa-hub/partner/x1", "x1"}) {
    EXPECT_EQ(PartnerIdFromUri(uri), "") << uri;
  }
  EXPECT_EQ(
      PartnerIdFromUri(std::string("spiffe://rosa-hub/partner/x1\0y", 30)), "");
}

}  // namespace
}  // namespace rosa::pki
