// The checkpoint mark's file (both forms) and the rule the log keeps.
//
// Thread-safety: see checkpoint_mark.h.
#include "hub/audit/checkpoint_mark.h"

#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "hub/audit/merkle.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"

namespace rosa::audit {
namespace {

constexpr char kMarkForm[] =
    "audit-checkpoint.last: not \"<unix seconds> <tree size> <root hash>\" "
    "(nor the older \"<unix seconds> <tree size>\")";

bool ParseRoot(const std::string& hex, std::string& root) {
  if (hex.size() != 2 * kHashSize ||
      !absl::c_all_of(hex, [](char c) { return absl::ascii_isxdigit(c); })) {
    return false;
  }
  root = absl::HexStringToBytes(hex);
  return true;
}

}  // namespace

std::filesystem::path CheckpointMarkPath(
    const std::filesystem::path& data_dir) {
  return data_dir / "audit-checkpoint.last";
}

absl::Status WriteCheckpointMark(const std::filesystem::path& data_dir,
                                 const CheckpointMark& mark) {
  if (mark.root_hash.size() != kHashSize) {
    return absl::InvalidArgumentError(
        "a checkpoint mark records the signed root hash");
  }
  return WriteFileAtomically(
      CheckpointMarkPath(data_dir),
      absl::StrCat(absl::ToUnixSeconds(mark.signed_at), " ", mark.tree_size,
                   " ", absl::BytesToHexString(mark.root_hash), "\n"));
}

absl::StatusOr<CheckpointMark> ReadCheckpointMark(
    const std::filesystem::path& data_dir) {
  ASSIGN_OR_RETURN(std::string text,
                   ReadSmallFile(CheckpointMarkPath(data_dir), 256));
  std::vector<std::string> fields =
      absl::StrSplit(absl::StripAsciiWhitespace(text), ' ');
  int64_t seconds = 0;
  CheckpointMark mark;
  if ((fields.size() != 2 && fields.size() != 3) ||
      !absl::SimpleAtoi(fields[0], &seconds) ||
      !absl::SimpleAtoi(fields[1], &mark.tree_size) ||
      (fields.size() == 3 && !ParseRoot(fields[2], mark.root_hash))) {
    return absl::InvalidArgumentError(kMarkForm);
  }
  mark.signed_at = absl::FromUnixSeconds(seconds);
  return mark;
}

absl::Status CheckLogKeepsMark(std::span<const std::string> leaf_hashes,
                               const CheckpointMark& mark) {
  if (leaf_hashes.size() < mark.tree_size) {
    return absl::DataLossError(absl::StrCat(
        "the audit log has ", leaf_hashes.size(), " entries, fewer than the ",
        mark.tree_size,
        " this hub last signed (audit-checkpoint.last): entries were removed"));
  }
  if (!mark.root_hash.empty() &&
      RootHash(leaf_hashes.first(mark.tree_size)) != mark.root_hash) {
    return absl::DataLossError(absl::StrCat(
        "the audit log's first ", mark.tree_size, " of its ",
        leaf_hashes.size(),
        " entries are not the ones this hub last signed at that size "
        "(audit-checkpoint.last): an entry was removed, rewritten or "
        "reordered"));
  }
  return absl::OkStatus();
}

}  // namespace rosa::audit
