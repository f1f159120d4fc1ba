#include "tests/reliability/power_loss.h"

#include <memory>
#include <random>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/reliability/hub_rig.h"
#include "tests/reliability/recovery_check.h"
#include "tests/reliability/workload.h"

namespace rosa::reliability {
namespace fs = std::filesystem;

CrashVfs& TheCrashVfs() {
  static CrashVfs* vfs = new CrashVfs("rosa-crash");
  return *vfs;
}

std::string CampaignFigures::Summary() const {
  return absl::StrCat(
      "lost acknowledged writes over ", cuts, " cuts = ", lost_acked,
      "\n  cuts with any problem: ", failed_cuts,
      "\n  acknowledged operations: ", acked_ops, " (", acked_ingests,
      " of them ks-csv payloads through the ingest desk)",
      "\n  cuts during an operation: ", cuts_mid_workload,
      "\n  files with unsynced writes at the cut: ", vfs.files_with_unsynced,
      " (lost ", vfs.lost_files, ", torn ", vfs.torn_files, ", reordered ",
      vfs.reordered_files, ")", "\n  unsynced writes: ", vfs.unsynced_writes,
      " (dropped ", vfs.dropped_writes, ", torn ", vfs.torn_writes, ")",
      "\n  time: ", absl::FormatDuration(elapsed));
}

namespace {

void Add(CrashVfs::CutReport& sum, const CrashVfs::CutReport& r) {
  sum.files_with_unsynced += r.files_with_unsynced;
  sum.lost_files += r.lost_files;
  sum.torn_files += r.torn_files;
  sum.reordered_files += r.reordered_files;
  sum.unsynced_writes += r.unsynced_writes;
  sum.dropped_writes += r.dropped_writes;
  sum.torn_writes += r.torn_writes;
}

// An empty store with the schema, closed cleanly (no WAL left).
absl::Status MakeTemplate(const fs::path& path, RigShared& shared) {
  auto rig = HubRig::Open(path, "", &shared);
  return rig.status();
}

}  // namespace

absl::StatusOr<CampaignFigures> RunPowerLossCampaign(
    const CampaignOptions& options, CrashVfs& vfs) {
  CampaignFigures figures;
  const absl::Time start = absl::Now();
  std::error_code ec;
  fs::create_directories(options.work_dir / "keys", ec);
  fs::permissions(options.work_dir / "keys", fs::perms::owner_all,
                  fs::perm_options::replace, ec);
  auto shared = RigShared::Make(options.work_dir / "keys");
  if (!shared.ok()) return shared.status();
  const fs::path template_db = options.work_dir / "template.db";
  if (absl::Status s = MakeTemplate(template_db, **shared); !s.ok()) return s;
  const fs::path dir = options.work_dir / "cut";
  // Operations a whole workload takes, learnt from the first one (no cut).
  uint64_t ops_per_workload = 0;
  for (uint64_t i = 0; i < options.cuts; ++i) {
    if (absl::Now() - start > options.budget) break;
    const uint64_t seed = options.first_seed + i;
    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL);
    fs::remove_all(dir, ec);
    fs::create_directories(dir, ec);
    const fs::path db = dir / "rosa-hub.db";
    fs::copy_file(template_db, db, ec);
    if (ec) return absl::InternalError("campaign: cannot copy the template");
    if (absl::Status s = (*shared)->StartNewLog(); !s.ok()) return s;
    vfs.Reset();
    vfs.SetLyingSyncs(options.lying_disk);
    Ledger ledger;
    {
      auto rig = HubRig::Open(db, vfs.name(), shared->get());
      if (!rig.ok()) return rig.status();
      const uint64_t cut_at =
          ops_per_workload == 0 ? 0 : 1 + rng() % (ops_per_workload + 2);
      vfs.ArmCut(cut_at);
      Workload(seed, rig->get()).Run(options.max_ops, ledger);
      if (vfs.cut()) {
        ++figures.cuts_mid_workload;
      } else {
        if (ops_per_workload == 0) ops_per_workload = vfs.ops();
        vfs.CutNow();
      }
    }  // Closes every connection; nothing more reaches the disk.
    auto report = vfs.ApplyCut(rng);
    if (!report.ok()) return report.status();
    Add(figures.vfs, *report);
    auto reopened = HubRig::Open(db, "", shared->get());
    RecoveryResult result;
    if (!reopened.ok()) {
      result.problems.push_back(
          absl::StrCat("reopen: ", reopened.status().message()));
      ++result.lost_acked;
    } else {
      result = CheckRecovered(**reopened, ledger);
    }
    for (const std::string& u : ledger.unexpected) {
      result.problems.push_back("workload refused: " + u);
    }
    ++figures.cuts;
    figures.acked_ops += ledger.acked.size();
    for (const Op& op : ledger.acked) {
      if (op.kind == Op::Kind::kIngest) ++figures.acked_ingests;
    }
    figures.lost_acked += result.lost_acked;
    if (!result.ok()) {
      ++figures.failed_cuts;
      for (const std::string& p : result.problems) {
        if (figures.problems.size() < 20) {
          figures.problems.push_back(absl::StrCat("seed ", seed, ": ", p));
        }
      }
    }
  }
  figures.elapsed = absl::Now() - start;
  return figures;
}

}  // namespace rosa::reliability
