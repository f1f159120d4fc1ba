// Tests for revoking partner certificates: serials, the issuance ledger,
// `pki revoke` by partner, serial and file, and the CA key's mode check.
//
// Thread-safety: each test uses its own temporary directory.
#include "hub/pki/revocation.h"

#include <filesystem>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/pki/dev_pki.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::pki {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class RevocationTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitCa(paths_).ok()); }

  // Issues a certificate for `partner` and returns its serial.
  std::string Issue(const std::string& partner) {
    EXPECT_TRUE(IssuePartnerCertificate(paths_, partner).ok());
    return SerialOfFile(paths_.partner_cert(partner));
  }
  std::string SerialOfFile(const fs::path& path) {
    absl::StatusOr<std::string> pem = ReadFile(path);
    EXPECT_TRUE(pem.ok()) << pem.status();
    absl::StatusOr<std::string> serial = CertificateSerial(pem.value_or(""));
    EXPECT_TRUE(serial.ok()) << serial.status();
    return serial.value_or("");
  }
  std::vector<std::string> RevokedNow() {
    absl::StatusOr<SerialSet> set = ReadRevocations(paths_.revoked());
    EXPECT_TRUE(set.ok()) << set.status();
    return set.ok() ? std::vector<std::string>(set->begin(), set->end())
                    : std::vector<std::string>();
  }

  const testutil::TempDir temp_dir_;
  PkiPaths paths_{temp_dir_.path() / "pki"};
};

TEST(NormalizeSerialTest, AcceptsTheWaysOpensslPrintsASerial) {
  EXPECT_EQ(NormalizeSerial("4a3fBC"), "4A3FBC");
  EXPECT_EQ(NormalizeSerial("0x004A3F"), "4A3F");
  EXPECT_EQ(NormalizeSerial("4a:3f:bc"), "4A3FBC");
  EXPECT_EQ(NormalizeSerial("00"), "0");
  EXPECT_EQ(NormalizeSerial(""), "");
  EXPECT_EQ(NormalizeSerial("0x"), "");
  EXPECT_EQ(NormalizeSerial("4G"), "");
  EXPECT_EQ(NormalizeSerial("-4A"), "");
  EXPECT_EQ(NormalizeSerial(std::string(65, 'A')), "");
}

TEST(ParseRevocationsTest, ReadsTheFirstFieldAndNamesABadLine) {
  auto set = ParseRevocations(
      "# comment\n\n4a3f rosa 2026-12-06T07:00:00Z\n  0x0b\tks-oslo\n");
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_THAT(*set, UnorderedElementsAre("4A3F", "B"));
  auto bad = ParseRevocations("4a3f rosa\nnot-a-serial rosa\n");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("line 2"));
}

TEST_F(RevocationTest, MissingListIsEmpty) {
  EXPECT_THAT(RevokedNow(), ElementsAre());
}

TEST_F(RevocationTest, IssuingAgainMakesANewSerialAndRecordsBoth) {
  const std::string first = Issue("ks-oslo");
  const std::string second = Issue("ks-oslo");
  ASSERT_FALSE(first.empty());
  EXPECT_NE(first, second);
  EXPECT_EQ(first.size(), 32u);  // 16 random bytes, top bits fixed.
  absl::StatusOr<std::string> ledger = ReadFile(paths_.issued());
  ASSERT_TRUE(ledger.ok()) << ledger.status();
  EXPECT_THAT(*ledger, HasSubstr(first + " ks-oslo\n" + second + " ks-oslo\n"));
}

TEST_F(RevocationTest, ByPartnerRevokesAllButTheCurrentCertificate) {
  const std::string old1 = Issue("ks-oslo");
  const std::string old2 = Issue("ks-oslo");
  const std::string other = Issue("filemon");
  const std::string current = Issue("ks-oslo");

  auto revoked = Revoke(paths_, {.partner_id = "ks-oslo"});
  ASSERT_TRUE(revoked.ok()) << revoked.status();
  ASSERT_EQ(revoked->size(), 2u);
  EXPECT_EQ((*revoked)[0].serial, old1);
  EXPECT_EQ((*revoked)[0].partner_id, "ks-oslo");
  EXPECT_FALSE((*revoked)[0].already);
  EXPECT_EQ((*revoked)[1].serial, old2);
  EXPECT_THAT(RevokedNow(), UnorderedElementsAre(old1, old2));

  // Again: nothing new, both reported as already revoked.
  revoked = Revoke(paths_, {.partner_id = "ks-oslo"});
  ASSERT_TRUE(revoked.ok()) << revoked.status();
  EXPECT_TRUE((*revoked)[0].already && (*revoked)[1].already);
  EXPECT_THAT(RevokedNow(), UnorderedElementsAre(old1, old2));
  (void)other;
  (void)current;
}

TEST_F(RevocationTest, ByPartnerWithOnlyTheCurrentCertificateIsRefused) {
  const std::string only = Issue("ks-oslo");
  auto revoked = Revoke(paths_, {.partner_id = "ks-oslo"});
  EXPECT_EQ(revoked.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(revoked.status().message(), HasSubstr("pki issue"));
  EXPECT_THAT(revoked.status().message(), HasSubstr(only));
  EXPECT_THAT(RevokedNow(), ElementsAre());
}

TEST_F(RevocationTest, BySerialAndByCertificateFile) {
  const std::string first = Issue("rosa");
  fs::copy_file(paths_.partner_cert("rosa"), temp_dir_.path() / "old.pem");
  const std::string second = Issue("rosa");

  auto by_file = Revoke(paths_, {.cert_file = temp_dir_.path() / "old.pem"});
  ASSERT_TRUE(by_file.ok()) << by_file.status();
  ASSERT_EQ(by_file->size(), 1u);
  EXPECT_EQ((*by_file)[0].serial, first);
  EXPECT_EQ((*by_file)[0].partner_id, "rosa");

  // Lower case and colons, as some tools print it.
  std::string typed;
  for (size_t i = 0; i < second.size(); i += 2) {
    if (i > 0) typed += ':';
    typed += second.substr(i, 2);
  }
  for (char& c : typed) c = static_cast<char>(std::tolower(c));
  auto by_serial = Revoke(paths_, {.serial = typed});
  ASSERT_TRUE(by_serial.ok()) << by_serial.status();
  EXPECT_EQ((*by_serial)[0].serial, second);
  EXPECT_THAT(RevokedNow(), UnorderedElementsAre(first, second));

  EXPECT_EQ(Revoke(paths_, {.serial = "xyz"}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(RevocationTest, RevokedListIsReadableByOthersAndHasAHeader) {
  Issue("rosa");
  Issue("rosa");
  ASSERT_TRUE(Revoke(paths_, {.partner_id = "rosa"}).ok());
  EXPECT_EQ(fs::status(paths_.revoked()).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write |
                fs::perms::group_read | fs::perms::others_read);
  absl::StatusOr<std::string> text = ReadFile(paths_.revoked());
  ASSERT_TRUE(text.ok());
  EXPECT_THAT(*text, ::testing::StartsWith("# rosa-hub revoked"));
}

// The CA key gets the owner and mode checks of every private key.
TEST_F(RevocationTest, IssuingRefusesACaKeyOthersCanRead) {
  fs::permissions(paths_.ca_key(), fs::perms::group_read,
                  fs::perm_options::add);
  const absl::Status issued = IssuePartnerCertificate(paths_, "rosa");
  EXPECT_EQ(issued.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(issued.message(), HasSubstr("mode 0600"));
  EXPECT_FALSE(fs::exists(paths_.partner_cert("rosa")));
}

}  // namespace
}  // namespace rosa::pki
