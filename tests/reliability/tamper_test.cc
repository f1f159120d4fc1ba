// The tampering campaign (issue 14, point 6): an attacker with file access
// drops the audit table's triggers and changes the log or the checkpoint
// file; every change must be found by VerifyLog (over the raw entries), by
// VerifyStoredLog (over the table) and by `rosa-hub audit verify` (the real
// process on the data directory).
//
// Sizes (environment): ROSA_TAMPER_ENTRIES (default 10000),
// ROSA_TAMPER_SECONDS for the log cases (default 25), ROSA_TAMPER_CLI (how
// many cases also go through the process; default 20), ROSA_TAMPER_SEED
// (default random; printed). CI runs the defaults; deploy/run-reliability.sh
// runs it longer.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "hub/audit/stored_log_verifier.h"
#include "tests/reliability/tamper_checkpoint.h"
#include "tests/reliability/tamper_log.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::reliability {
namespace {

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v ? std::strtoull(v, nullptr, 10) : fallback;
}

uint64_t Seed() {
  const uint64_t seed = EnvOr("ROSA_TAMPER_SEED", std::random_device()());
  std::cout << "tampering: seed " << seed << " (ROSA_TAMPER_SEED)\n";
  return seed;
}

// Counts per kind of change and verifier.
struct Tally {
  struct Row {
    uint64_t tried = 0, detected = 0;
  };
  std::map<std::string, Row> rows;
  std::vector<std::string> undetected;

  void Count(const std::string& what, bool detected, const std::string& label) {
    Row& r = rows[what];
    ++r.tried;
    if (detected) {
      ++r.detected;
    } else if (undetected.size() < 20) {
      undetected.push_back(absl::StrCat(what, " ", label));
    }
  }
  void Print(uint64_t entries) const {
    uint64_t tried = 0, detected = 0;
    for (const auto& [what, r] : rows) {
      std::cout << "tampering: " << what << ": detected " << r.detected << " / "
                << r.tried << "\n";
      tried += r.tried;
      detected += r.detected;
    }
    std::cout << "tampering: detected / tried = " << detected << " / " << tried
              << " over a log of " << entries << " entries\n";
  }
};

// The changes made to row `i` (and its neighbours), in rotation.
Tamper CaseFor(uint64_t i, uint64_t turn, uint64_t n, std::mt19937_64& rng,
               const std::string& entry) {
  Tamper t;
  t.a = i;
  t.x = static_cast<uint8_t>(1 + rng() % 255);
  t.rehash = (turn / 9) % 2 == 1;
  switch (turn % 9) {
    case 0:
    case 1:
      t.kind = Tamper::Kind::kEntryByte;
      t.rehash = turn % 9 == 1;
      break;
    case 2:
      t.kind = Tamper::Kind::kHashByte;
      t.pos = rng() % 32;
      break;
    case 3:
      t.kind = Tamper::Kind::kPersonColumn;
      break;
    case 4:
      t.kind = Tamper::Kind::kDelete;
      break;
    case 5:
      t.kind = Tamper::Kind::kDeleteShift;
      break;
    case 6:
      t.kind = Tamper::Kind::kSwap;
      t.a = i + 1 < n ? i : i - 1;
      t.b = t.a + 1;
      break;
    case 7:
      t.kind = Tamper::Kind::kSwap;
      t.b = rng() % n;
      if (t.b == t.a) t.b = (t.a + 1) % n;
      break;
    default:
      t.kind = Tamper::Kind::kTruncate;
      break;
  }
  if (t.kind == Tamper::Kind::kEntryByte) {
    // Position classes: first byte, last byte, anywhere.
    const uint64_t c = rng() % 3;
    t.pos = c == 0 ? 0 : c == 1 ? entry.size() - 1 : rng() % entry.size();
  }
  return t;
}

std::string Label(const Tamper& t) {
  return absl::StrCat("a=", t.a, " b=", t.b, " pos=", t.pos,
                      " x=", static_cast<int>(t.x), " rehash=", t.rehash);
}

class TamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    entries_ = EnvOr("ROSA_TAMPER_ENTRIES", 10000);
    seed_ = Seed();
    auto log = TamperLog::Make(dir_.path() / "var", entries_, seed_);
    ASSERT_TRUE(log.ok()) << log.status();
    log_ = std::move(*log);
    // The control: the untouched log verifies everywhere.
    ASSERT_TRUE(log_->VerifyPure(log_->TamperedEntries(
                                     Tamper{.kind = Tamper::Kind::kHashByte}),
                                 log_->checkpoint())
                    .ok());
    ASSERT_TRUE(log_->VerifyStored(log_->checkpoint()).ok());
    auto json = audit::CheckpointToJson(log_->checkpoint());
    ASSERT_TRUE(json.ok());
    json_ = *json;
    ASSERT_TRUE(log_->VerifyCli(json_).ok());
  }

  testutil::TempDir dir_;
  uint64_t entries_ = 0;
  uint64_t seed_ = 0;
  std::unique_ptr<TamperLog> log_;
  std::string json_;
};

TEST_F(TamperTest, EveryChangeToTheStoredLogIsDetected) {
  const absl::Time deadline =
      absl::Now() + absl::Seconds(EnvOr("ROSA_TAMPER_SECONDS", 25));
  uint64_t cli_left = EnvOr("ROSA_TAMPER_CLI", 20);
  std::mt19937_64 rng(seed_);
  std::vector<uint64_t> order(entries_);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  Tally tally;
  uint64_t turn = 0;
  for (uint64_t k = 0; k < order.size() && absl::Now() < deadline; ++k) {
    const uint64_t i = order[k];
    // VerifyLog alone (fast): a byte of this entry changed.
    Tamper pure = CaseFor(i, 0, entries_, rng, log_->rows()[i].entry);
    tally.Count(
        "VerifyLog entry-byte",
        !log_->VerifyPure(log_->TamperedEntries(pure), log_->checkpoint()).ok(),
        Label(pure));
    // One change to the table, through every verifier that sees it.
    const Tamper t = CaseFor(i, turn++, entries_, rng, log_->rows()[i].entry);
    const std::string kind = KindName(t.kind);
    if (t.kind != Tamper::Kind::kHashByte &&
        t.kind != Tamper::Kind::kPersonColumn) {
      tally.Count(
          "VerifyLog " + kind,
          !log_->VerifyPure(log_->TamperedEntries(t), log_->checkpoint()).ok(),
          Label(t));
    }
    ASSERT_TRUE(log_->Apply(t).ok()) << Label(t);
    const absl::Status stored = log_->VerifyStored(log_->checkpoint());
    EXPECT_TRUE(stored.ok() || audit::IsVerificationProblem(stored)) << stored;
    tally.Count("VerifyStoredLog " + kind, !stored.ok(), Label(t));
    if (cli_left > 0 && k % 7 == 0) {
      --cli_left;
      const absl::Status cli = log_->VerifyCli(json_);
      EXPECT_FALSE(absl::IsInternal(cli)) << cli;
      tally.Count("rosa-hub audit verify " + kind, !cli.ok(), Label(t));
    }
    ASSERT_TRUE(log_->Restore(t).ok()) << Label(t);
    if (turn % 64 == 0) {
      ASSERT_TRUE(log_->VerifyStored(log_->checkpoint()).ok())
          << "not restored after " << Label(t);
    }
  }
  ASSERT_TRUE(log_->VerifyStored(log_->checkpoint()).ok());
  tally.Print(entries_);
  EXPECT_TRUE(tally.undetected.empty())
      << "undetected (seed " << seed_ << "): " << tally.undetected.front();
}

TEST_F(TamperTest, EveryChangeToTheCheckpointIsDetected) {
  uint64_t cli_left = EnvOr("ROSA_TAMPER_CLI", 20);
  std::mt19937_64 rng(seed_);
  Tally tally;
  uint64_t unchanged = 0;
  const std::vector<std::string> entries =
      log_->TamperedEntries(Tamper{.kind = Tamper::Kind::kHashByte});
  auto check = [&](const std::string& what, const CheckpointCase& c,
                   bool via_cli) {
    if (c.unparsable) {
      // The JSON no longer parses: every verifier refuses the file.
      tally.Count("checkpoint " + what + " (refused file)", true, c.label);
    } else {
      if (!c.pem_only) {
        tally.Count("VerifyLog checkpoint " + what,
                    !log_->VerifyPure(entries, c.checkpoint).ok(), c.label);
      }
      const absl::Status stored = log_->VerifyStored(c.checkpoint);
      EXPECT_TRUE(stored.ok() || audit::IsVerificationProblem(stored))
          << stored;
      tally.Count("VerifyStoredLog checkpoint " + what, !stored.ok(), c.label);
    }
    if (via_cli && cli_left > 0) {
      --cli_left;
      const absl::Status cli = log_->VerifyCli(c.json);
      EXPECT_FALSE(absl::IsInternal(cli)) << cli;
      tally.Count("rosa-hub audit verify checkpoint " + what, !cli.ok(),
                  c.label);
    }
  };
  const std::vector<CheckpointCase> bytes =
      JsonByteChanges(json_, log_->checkpoint(), rng, &unchanged);
  for (size_t i = 0; i < bytes.size(); ++i) {
    check("file-byte", bytes[i], i % (bytes.size() / 8 + 1) == 0);
  }
  for (const CheckpointCase& c : FieldChanges(log_->checkpoint(), rng)) {
    check("field", c, false);
  }
  auto forged =
      Forgeries(log_->checkpoint(), entries, dir_.path() / "attacker.key");
  ASSERT_TRUE(forged.ok()) << forged.status();
  for (const CheckpointCase& c : *forged) check("forged", c, true);
  // The attacker also puts its own key beside the database: the kept
  // checkpoint names the hub's key, so `rosa-hub audit verify` without
  // --public-key still refuses (and the log is unchanged otherwise).
  const std::filesystem::path pub =
      audit::AuditKeeper::PublicKeyPath(log_->data_dir());
  const std::filesystem::path saved = dir_.path() / "hub-key.pub";
  std::filesystem::copy_file(pub, saved);
  std::filesystem::copy_file(dir_.path() / "attacker.key.pub", pub,
                             std::filesystem::copy_options::overwrite_existing);
  const absl::Status swapped = log_->VerifyCli(json_, true);
  EXPECT_FALSE(absl::IsInternal(swapped)) << swapped;
  tally.Count("rosa-hub audit verify, attacker's key beside the database",
              !swapped.ok(), "key swapped");
  std::filesystem::copy_file(saved, pub,
                             std::filesystem::copy_options::overwrite_existing);
  ASSERT_TRUE(log_->VerifyCli(json_, true).ok());
  tally.Print(entries_);
  std::cout << "tampering: " << unchanged
            << " checkpoint file byte changes left the checkpoint the same"
               " (JSON whitespace, base64 padding bits): not a change\n";
  EXPECT_TRUE(tally.undetected.empty())
      << "undetected (seed " << seed_ << "): " << tally.undetected.front();
}

}  // namespace
}  // namespace rosa::reliability
