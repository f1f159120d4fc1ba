// Integration tests of the audit log against the real hub over mutual TLS:
// referral writes leave entries; ROSA gets signed checkpoints and proofs
// that verify client-side with hub/audit/merkle.h; other partners are
// refused; and `rosa-hub audit verify` checks the stopped hub's log against
// a checkpoint kept outside, also after the log has grown.
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "hub/audit/checkpoint.h"
#include "hub/audit/merkle.h"
#include "rosa/hub/v1/audit_service.grpc.pb.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"
#include "tests/integration/partner_channel.h"

namespace rosa::integration {
namespace {

using ::testing::HasSubstr;

namespace v1 = ::rosa::hub::v1;

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
}

std::vector<std::string> Hashes(const v1::ProofResponse& proof) {
  return {proof.hashes().begin(), proof.hashes().end()};
}

class AuditTest : public HubTest {
 protected:
  void SetUp() override {
    HubTest::SetUp();
    auto dir = MakeTempDir("audit-outside");
    ASSERT_TRUE(dir.ok()) << dir.status();
    outside_ = *dir;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(outside_, ec);
  }

  std::unique_ptr<v1::AuditService::Stub> Audit(std::string_view partner) {
    return v1::AuditService::NewStub(
        PartnerChannel(hub().port(), hub().pki_dir(), partner));
  }

  // ROSA submits `n` placements to the Oslo crisis centre; returns the ids.
  std::vector<std::string> SubmitPlacements(int n) {
    PartnerClient rosa = Client("rosa");
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) {
      v1::SubmitReferralResponse response;
      EXPECT_THAT(rosa.Submit(NewReferralRequest("ks-oslo"), &response),
                  IsOk());
      ids.push_back(response.referral().id());
    }
    return ids;
  }

  v1::SignedCheckpoint Checkpoint() {
    v1::SignedCheckpoint checkpoint;
    EXPECT_THAT(
        Audit("rosa")->GetCheckpoint(ContextWithDeadline().get(),
                                     v1::GetCheckpointRequest(), &checkpoint),
        IsOk());
    return checkpoint;
  }

  // Saves `checkpoint` outside the hub in the checkpoint file format.
  std::filesystem::path Keep(const v1::SignedCheckpoint& checkpoint,
                             const std::string& name) {
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = true;
    options.preserve_proto_field_names = true;
    std::string json;
    EXPECT_TRUE(
        google::protobuf::util::MessageToJsonString(checkpoint, &json, options)
            .ok());
    const std::filesystem::path path = outside_ / name;
    WriteText(path, json);
    return path;
  }

  // Runs `rosa-hub audit verify` against the hub's data directory.
  absl::Status VerifyOffline(const std::filesystem::path& checkpoint_file,
                             const std::filesystem::path& log) {
    return RunHubCommand(
        {"audit", "verify", "--data-dir", hub().data_dir().string(),
         "--checkpoint", checkpoint_file.string()},
        log);
  }

  std::filesystem::path outside_;
};

TEST_F(AuditTest, CheckpointsProofsAndOfflineVerification) {
  const std::vector<std::string> ids = SubmitPlacements(3);
  PartnerClient oslo = Client("ks-oslo");
  ASSERT_THAT(oslo.Move(ids[0], v1::REFERRAL_STATE_RECEIVED), IsOk());

  // Checkpoint at 4 entries: signed by the key beside the database.
  const v1::SignedCheckpoint first = Checkpoint();
  ASSERT_EQ(first.tree_size(), 4u);
  EXPECT_EQ(first.origin(), "rosa-hub audit log");
  EXPECT_EQ(first.public_key_pem(),
            ReadText(hub().data_dir() / "keys" / "audit-signing.key.pub"));
  auto body = audit::ParseCheckpointBody(first.body());
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_EQ(body->size, 4u);
  EXPECT_EQ(body->root_hash, first.root_hash());
  auto key = audit::ParsePublicKeyPem(first.public_key_pem());
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_TRUE(
      audit::VerifyCheckpoint(key->get(), *body, first.signature()).ok());

  // Only ROSA may read the log.
  for (const char* partner : {"ks-oslo", "filemon", "advokat-lund"}) {
    auto stub = Audit(partner);
    v1::SignedCheckpoint denied;
    EXPECT_THAT(stub->GetCheckpoint(ContextWithDeadline().get(),
                                    v1::GetCheckpointRequest(), &denied),
                StatusIs(grpc::StatusCode::PERMISSION_DENIED))
        << partner;
    v1::GetEntriesResponse entries;
    EXPECT_THAT(stub->GetEntries(ContextWithDeadline().get(),
                                 v1::GetEntriesRequest(), &entries),
                StatusIs(grpc::StatusCode::PERMISSION_DENIED))
        << partner;
  }

  // The entries: pseudonymous, in order, with the referral ids.
  SubmitPlacements(2);
  v1::GetEntriesResponse entries;
  ASSERT_THAT(Audit("rosa")->GetEntries(ContextWithDeadline().get(),
                                        v1::GetEntriesRequest(), &entries),
              IsOk());
  ASSERT_EQ(entries.entries_size(), 6);
  EXPECT_EQ(entries.entries(0).action(), "referral.submit");
  EXPECT_EQ(entries.entries(0).actor(), "rosa");
  EXPECT_EQ(entries.entries(0).object_id(), ids[0]);
  EXPECT_THAT(entries.entries(0).person_id(), testing::StartsWith("P-"));
  EXPECT_EQ(entries.entries(3).action(), "referral.transition");
  EXPECT_EQ(entries.entries(3).actor(), "ks-oslo");
  EXPECT_EQ(entries.entries(3).object_id(), ids[0]);

  // Inclusion proofs of every entry in the tree of 6, checked client-side
  // against the signed root.
  const v1::SignedCheckpoint second = Checkpoint();
  ASSERT_EQ(second.tree_size(), 6u);
  auto audit_stub = Audit("rosa");
  for (uint64_t i = 0; i < 6; ++i) {
    v1::GetInclusionProofRequest request;
    request.set_index(i);
    request.set_tree_size(6);
    v1::ProofResponse proof;
    ASSERT_THAT(audit_stub->GetInclusionProof(ContextWithDeadline().get(),
                                              request, &proof),
                IsOk());
    EXPECT_EQ(proof.leaf_hash(),
              audit::LeafHash(entries.entries(i).SerializeAsString()));
    EXPECT_TRUE(audit::VerifyInclusion(proof.leaf_hash(), i, 6, Hashes(proof),
                                       second.root_hash())
                    .ok())
        << i;
    std::vector<std::string> bad = Hashes(proof);
    bad[0][5] = static_cast<char>(bad[0][5] ^ 0x10);
    EXPECT_FALSE(
        audit::VerifyInclusion(proof.leaf_hash(), i, 6, bad, second.root_hash())
            .ok());
  }
  v1::GetInclusionProofRequest beyond;
  beyond.set_index(2);
  beyond.set_tree_size(7);
  v1::ProofResponse none;
  EXPECT_THAT(
      audit_stub->GetInclusionProof(ContextWithDeadline().get(), beyond, &none),
      StatusIs(grpc::StatusCode::INVALID_ARGUMENT));
  // Sizes far beyond the log are refused at once (they used to reach an
  // allocation sized by the request and never answer).
  beyond.set_tree_size(uint64_t{1} << 62);
  EXPECT_THAT(
      audit_stub->GetInclusionProof(ContextWithDeadline().get(), beyond, &none),
      StatusIs(grpc::StatusCode::INVALID_ARGUMENT));
  v1::GetConsistencyProofRequest huge;
  huge.set_old_size(4);
  huge.set_new_size(uint64_t{1} << 62);
  EXPECT_THAT(
      audit_stub->GetConsistencyProof(ContextWithDeadline().get(), huge, &none),
      StatusIs(grpc::StatusCode::INVALID_ARGUMENT));

  // The log of 4 is a prefix of the log of 6.
  v1::GetConsistencyProofRequest consistency;
  consistency.set_old_size(4);
  consistency.set_new_size(6);
  v1::ProofResponse proof;
  ASSERT_THAT(audit_stub->GetConsistencyProof(ContextWithDeadline().get(),
                                              consistency, &proof),
              IsOk());
  EXPECT_TRUE(audit::VerifyConsistency(4, 6, first.root_hash(),
                                       second.root_hash(), Hashes(proof))
                  .ok());
  EXPECT_FALSE(audit::VerifyConsistency(3, 6, first.root_hash(),
                                        second.root_hash(), Hashes(proof))
                   .ok());

  // The hub verifies its own log against the kept checkpoint.
  v1::VerifyLogRequest verify;
  *verify.mutable_checkpoint() = first;
  v1::VerifyLogResponse verified;
  ASSERT_THAT(
      audit_stub->VerifyLog(ContextWithDeadline().get(), verify, &verified),
      IsOk());
  EXPECT_TRUE(verified.consistent()) << verified.problem();
  EXPECT_EQ(verified.tree_size(), 6u);

  // Offline: the hub stopped, the checkpoint kept outside.
  const std::filesystem::path kept = Keep(first, "first.json");
  const std::filesystem::path log = outside_ / "verify.log";
  auto stopped = hub().Terminate();
  ASSERT_TRUE(stopped.ok()) << stopped.status();
  ASSERT_TRUE(stopped->success()) << stopped->ToString();
  ASSERT_TRUE(VerifyOffline(kept, log).ok()) << ReadText(log);
  EXPECT_THAT(ReadText(log), HasSubstr("OK"));

  // `audit checkpoint` signs the same log the same way.
  const std::filesystem::path printed = outside_ / "printed.json";
  ASSERT_TRUE(RunHubCommand({"audit", "checkpoint", "--data-dir",
                             hub().data_dir().string()},
                            printed)
                  .ok())
      << ReadText(printed);
  const std::string output = ReadText(printed);
  v1::SignedCheckpoint offline;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(
                  output.substr(output.find('{')), &offline)
                  .ok())
      << output;
  EXPECT_EQ(offline.tree_size(), 6u);
  EXPECT_EQ(offline.root_hash(), second.root_hash());

  // A checkpoint that claims more than was signed fails.
  v1::SignedCheckpoint forged = first;
  forged.set_tree_size(5);
  forged.clear_body();
  const std::filesystem::path forged_file = Keep(forged, "forged.json");
  EXPECT_FALSE(VerifyOffline(forged_file, log).ok());
  EXPECT_THAT(ReadText(log), HasSubstr("FAILED"));

  // The log grows after a restart; the old checkpoints still verify.
  ASSERT_TRUE(hub().Restart().ok());
  SubmitPlacements(2);
  EXPECT_EQ(Checkpoint().tree_size(), 8u);
  stopped = hub().Terminate();
  ASSERT_TRUE(stopped.ok()) << stopped.status();
  const std::filesystem::path log2 = outside_ / "verify2.log";
  EXPECT_TRUE(VerifyOffline(kept, log2).ok()) << ReadText(log2);
  EXPECT_TRUE(VerifyOffline(Keep(second, "second.json"), log2).ok())
      << ReadText(log2);
  EXPECT_THAT(ReadText(log2), HasSubstr("OK: the audit log has 8 entries"));
}

}  // namespace
}  // namespace rosa::integration
