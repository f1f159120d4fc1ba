// Tests for hub/backup/backup_manifest: which paths a backup may hold, the
// manifest's JSON round trip and what it refuses, and file digests.
#include "hub/backup/backup_manifest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "absl/time/time.h"
#include "common/sha256.h"
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

TEST(ManifestJsonTest, RoundTrips) {
  const BackupManifest manifest = SampleManifest();
  auto json = ManifestToJson(manifest);
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_THAT(*json, HasSubstr("\"format\": \"rosa-hub backup 1\""));
  auto parsed = ManifestFromJson(*json);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
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
  EXPECT_FALSE(ManifestFromJson(R"({"format": "rosa-hub backup 2"})").ok());
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
