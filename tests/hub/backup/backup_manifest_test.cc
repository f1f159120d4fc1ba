// Tests for hub/backup/backup_manifest: which paths a backup may hold, the
// manifest's JSON round trip and what it refuses, its signature over every
// value, and file digests.
#include "hub/backup/backup_manifest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "common/sha256.h"
#include "hub/audit/checkpoint.h"
#include "nlohmann/json.hpp"
#include "tests/testutil/temp_dir.h"

namespace rosa::backup {
namespace {

using ::testing::HasSubstr;

BackupManifest SampleManifest() {
  BackupManifest manifest;
  manifest.created = absl::FromUnixSeconds(1796000000);
  manifest.schema_version = 4;
  manifest.files = {{"rosa-hub.db", 4096, std::string(64, 'a')},
                    {"pki/ca.pem", 611, std::string(64, 'b')}};
  auto& checkpoint = manifest.audit_checkpoint;
  checkpoint.set_origin("rosa-hub audit log");
  checkpoint.set_tree_size(0);
  manifest.signature = std::string(64, 's');
  return manifest;
}

TEST(CheckBackupPathTest, AllowsTheDatabaseAndPkiCertificates) {
  EXPECT_TRUE(CheckBackupPath("rosa-hub.db").ok());
  EXPECT_TRUE(CheckBackupPath("pki/ca.pem").ok());
  EXPECT_TRUE(CheckBackupPath("pki/revoked.txt").ok());
}

TEST(CheckBackupPathTest, RefusesKeysAndEverythingOutside) {
  for (const char* path :
       {"keys/kek", "keys/audit-signing.key", "pki/hub.key", "pki/ca.key",
        "pki/../keys/kek", "pki/", "pki/.hub.pem.tmp", "/etc/passwd",
        "../rosa-hub.db", "exchange/ks-oslo/inbox/a.csv", "rosa-hub.db-wal"}) {
    const absl::Status status = CheckBackupPath(path);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << path;
  }
}

TEST(HoldsPemPrivateKeyTest, KnowsAPrivateKeyByItsPemLabel) {
  for (const char* label :
       {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY", "OPENSSH PRIVATE KEY", "private key"}) {
    const std::string pem = std::string("-----BEGIN ") + label +
                            "-----\nAAAA\n-----END " + label + "-----\n";
    EXPECT_TRUE(HoldsPemPrivateKey(pem)) << label;
    EXPECT_TRUE(
        HoldsPemPrivateKey("-----BEGIN CERTIFICATE-----\nAAAA\n"
                           "-----END CERTIFICATE-----\n" +
                           pem))
        << label;
  }
  for (const char* text :
       {"", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
        "-----BEGIN X509 CRL-----\n", "01AB\n02CD\n", "-----BEGIN ",
        "-----BEGIN CERTIFICATE\nPRIVATE KEY-----"}) {
    EXPECT_FALSE(HoldsPemPrivateKey(text)) << text;
  }
}

TEST(ManifestJsonTest, RoundTrips) {
  const BackupManifest manifest = SampleManifest();
  auto json = ManifestToJson(manifest);
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_THAT(*json, HasSubstr("\"format\": \"rosa-hub backup 2\""));
  auto parsed = ManifestFromJson(*json);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_FALSE(parsed->unsigned_legacy);
  EXPECT_EQ(parsed->signature, manifest.signature);
  EXPECT_EQ(parsed->created, manifest.created);
  EXPECT_EQ(parsed->schema_version, 4);
  ASSERT_EQ(parsed->files.size(), 2u);
  EXPECT_EQ(parsed->files[1].path, "pki/ca.pem");
  EXPECT_EQ(parsed->files[1].size, 611u);
  EXPECT_EQ(parsed->files[1].sha256_hex, std::string(64, 'b'));
  EXPECT_EQ(parsed->audit_checkpoint.origin(), "rosa-hub audit log");
}

TEST(ManifestJsonTest, RefusesWhatIsNotAManifest) {
  BackupManifest with_key = SampleManifest();
  with_key.files.push_back({"keys/kek", 1, std::string(64, 'c')});
  BackupManifest bad_digest = SampleManifest();
  bad_digest.files[0].sha256_hex = "ABC";
  BackupManifest no_database = SampleManifest();
  no_database.files.erase(no_database.files.begin());
  for (const BackupManifest& manifest : {with_key, bad_digest, no_database}) {
    auto json = ManifestToJson(manifest);
    ASSERT_TRUE(json.ok());
    EXPECT_EQ(ManifestFromJson(*json).status().code(),
              absl::StatusCode::kInvalidArgument)
        << *json;
  }
  EXPECT_FALSE(ManifestFromJson("").ok());
  EXPECT_FALSE(ManifestFromJson("[]").ok());
  EXPECT_FALSE(ManifestFromJson(R"({"format": "rosa-hub backup 3"})").ok());
  EXPECT_FALSE(ManifestFromJson(R"({"format": 2})").ok());
}

// Format 2 always carries a signature of 64 bytes; format 1 never does.
TEST(ManifestJsonTest, RefusesAMissingOrMisshapenSignature) {
  auto json = ManifestToJson(SampleManifest());
  ASSERT_TRUE(json.ok());
  for (const nlohmann::json& signature :
       {nlohmann::json(), nlohmann::json("c2hvcnQ="), nlohmann::json("!!"),
        nlohmann::json(64)}) {
    nlohmann::json altered = nlohmann::json::parse(*json);
    if (signature.is_null()) {
      altered.erase("signature");
    } else {
      altered["signature"] = signature;
    }
    EXPECT_EQ(ManifestFromJson(altered.dump()).status().code(),
              absl::StatusCode::kInvalidArgument)
        << signature;
  }
  nlohmann::json legacy = nlohmann::json::parse(*json);
  legacy["format"] = "rosa-hub backup 1";
  EXPECT_EQ(ManifestFromJson(legacy.dump()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ManifestJsonTest, ReadsAnUnsignedFormatOneManifestAsSuch) {
  auto json = ManifestToJson(SampleManifest());
  ASSERT_TRUE(json.ok());
  nlohmann::json legacy = nlohmann::json::parse(*json);
  legacy["format"] = "rosa-hub backup 1";
  legacy.erase("signature");
  auto parsed = ManifestFromJson(legacy.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_TRUE(parsed->unsigned_legacy);
  EXPECT_TRUE(parsed->signature.empty());
}

class ManifestSignatureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = audit::LoadOrCreateSigningKey(dir_.File("audit-signing.key"));
    ASSERT_TRUE(key.ok()) << key.status();
    key_ = *std::move(key);
    auto other = audit::LoadOrCreateSigningKey(dir_.File("other.key"));
    ASSERT_TRUE(other.ok()) << other.status();
    other_ = *std::move(other);
  }

  // `manifest` signed, written and read back, as a restore reads it.
  BackupManifest SignedAndRead(BackupManifest manifest) {
    EXPECT_TRUE(SignManifest(key_.get(), manifest).ok());
    auto json = ManifestToJson(manifest);
    EXPECT_TRUE(json.ok());
    auto parsed = ManifestFromJson(json.ok() ? *json : "");
    EXPECT_TRUE(parsed.ok()) << parsed.status();
    return parsed.ok() ? *parsed : BackupManifest{};
  }

  testutil::TempDir dir_;
  audit::KeyPtr key_;
  audit::KeyPtr other_;
};

TEST_F(ManifestSignatureTest, VerifiesWithTheSigningKeyOnly) {
  const BackupManifest manifest = SignedAndRead(SampleManifest());
  EXPECT_TRUE(VerifyManifestSignature(key_.get(), manifest).ok());
  const absl::Status other = VerifyManifestSignature(other_.get(), manifest);
  EXPECT_EQ(other.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(other.message()), HasSubstr("signature"));
}

// Every value a restore relies on is signed: a change to any one of them,
// as someone with write access to the backup storage would make it, is
// found.
TEST_F(ManifestSignatureTest, ChangingAnyValueBreaksTheSignature) {
  const BackupManifest signed_manifest = SignedAndRead(SampleManifest());
  std::vector<BackupManifest> altered(8, signed_manifest);
  altered[0].files[0].sha256_hex = std::string(64, 'c');
  altered[1].files[0].size += 1;
  altered[2].files[1].path = "pki/hub.pem";
  altered[3].files.pop_back();
  altered[4].files.push_back({"pki/extra.pem", 1, std::string(64, 'd')});
  altered[5].schema_version += 1;
  altered[6].created += absl::Seconds(1);
  altered[7].audit_checkpoint.set_tree_size(1);
  for (size_t i = 0; i < altered.size(); ++i) {
    EXPECT_EQ(VerifyManifestSignature(key_.get(), altered[i]).code(),
              absl::StatusCode::kDataLoss)
        << i;
  }
}

TEST_F(ManifestSignatureTest, AnUnsignedManifestDoesNotVerify) {
  BackupManifest manifest = SampleManifest();
  manifest.signature.clear();
  manifest.unsigned_legacy = true;
  EXPECT_EQ(VerifyManifestSignature(key_.get(), manifest).code(),
            absl::StatusCode::kDataLoss);
}

// The signed bytes can never pass for an audit checkpoint body signed by
// the same key.
TEST_F(ManifestSignatureTest, TheSignedBodyIsNoCheckpointBody) {
  auto body = ManifestBody(SampleManifest());
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_THAT(*body, ::testing::StartsWith("rosa-hub backup manifest\n{"));
  EXPECT_FALSE(audit::ParseCheckpointBody(*body).ok());
}

TEST(DescribeFileTest, GivesSizeAndTheSha256OfTheBytes) {
  testutil::TempDir dir;
  const std::string data(3 << 20, 'x');  // Larger than one read.
  {
    std::ofstream out(dir.File("rosa-hub.db"), std::ios::binary);
    out << data;
  }
  auto file = DescribeFile(dir.path(), "rosa-hub.db");
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ(file->path, "rosa-hub.db");
  EXPECT_EQ(file->size, data.size());
  EXPECT_EQ(file->sha256_hex, Sha256Hex(data));
  EXPECT_EQ(DescribeFile(dir.path(), "missing").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace rosa::backup
