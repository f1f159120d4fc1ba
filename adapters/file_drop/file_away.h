// Where an inbox file goes once its ingest has an outcome: processed/ when
// applied; left in the inbox when the failure is transient (the store or
// the plugin unavailable, a deadline), for the next round; otherwise
// rejected/, after `<name>.error.txt` beside it names the records, fields
// and reasons (never a value). Each file is stamped with the time it
// arrived, from which its folder's retention counts; a name already taken
// gets `-2`, `-3`... Logs name the partner and the escaped file name only.
//
// Thread-safety: thread-safe; callers serialise work on one partner's
// folders (the file drop's one thread).
#ifndef ROSA_ADAPTERS_FILE_DROP_FILE_AWAY_H_
#define ROSA_ADAPTERS_FILE_DROP_FILE_AWAY_H_

#include <filesystem>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "hub/partner/partner.h"

namespace rosa {

// REQUIRES: `file` is in `partner`'s inbox/, beside its processed/ and
// rejected/ folders.
void FileAway(const Partner& partner, const std::filesystem::path& file,
              const absl::Status& outcome, absl::Time now);

}  // namespace rosa

#endif  // ROSA_ADAPTERS_FILE_DROP_FILE_AWAY_H_
