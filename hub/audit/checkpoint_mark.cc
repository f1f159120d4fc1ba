#include "hub/audit/checkpoint_mark.h"

#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"

namespace rosa::audit {

std::filesystem::path CheckpointMarkPath(
    const std::filesystem::path& data_dir) {
  return data_dir / "audit-checkpoint.last";
}

absl::Status WriteCheckpointMark(const std::filesystem::path& data_dir,
                                 const CheckpointMark& mark) {
  return WriteFileAtomically(CheckpointMarkPath(data_dir),
                             absl::StrCat(absl::ToUnixSeconds(mark.signed_at),
                                          " ", mark.tree_size, "\n"));
}

absl::StatusOr<CheckpointMark> ReadCheckpointMark(
    const std::filesystem::path& data_dir) {
  ASSIGN_OR_RETURN(std::string text,
                   ReadSmallFile(CheckpointMarkPath(data_dir), 256));
  std::vector<std::string> fields =
      absl::StrSplit(absl::StripAsciiWhitespace(text), ' ');
  int64_t seconds = 0;
  CheckpointMark mark;
  if (fields.size() != 2 || !absl::SimpleAtoi(fields[0], &seconds) ||
      !absl::SimpleAtoi(fields[1], &mark.tree_size)) {
    return absl::InvalidArgumentError(
        "audit-checkpoint.last: not \"<unix seconds> <tree size>\"");
  }
  mark.signed_at = absl::FromUnixSeconds(seconds);
  return mark;
}

}  // namespace rosa::audit
