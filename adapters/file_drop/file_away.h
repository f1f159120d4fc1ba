// Where an inbox file goes once its ingest has an outcome: processed/ when
// applied; left in the inbox when the failure is transient (the store or
// the plugin unavailable, a deadline), for the next round; otherwise
// rejected/, after `<name>.error.txt` beside it names the records, fields
// and reasons (never a value). Each file is stamped with the time it
// arrived, from which its folder's retention counts, and made 0600 if it
// is a regular file with one link (a symlink has no mode of its own, a FIFO
// holds no bytes, a hard link's other name is not the hub's to change).
// Its name there is the
// hub's (away_names.h: escaped, cut to fit, `-2`, `-3`... when taken), and
// neither the file nor its report ever replaces a file there. Nothing here
// follows a symlink or throws. Logs name the partner and the escaped file
// name only.
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

// The folders FileAway moves a partner's inbox files to (the file drop
// knows where they are: FileDrop::Folder).
struct FileAwayFolders {
  std::filesystem::path processed;
  std::filesystem::path rejected;
};

// OK once the file is where its outcome sends it, or left in the inbox for
// a transient failure. Otherwise the file is still in the inbox, the
// failure is logged, and the error says why (never naming the file).
// REQUIRES: `file` is in `partner`'s inbox/, on the file system of
// `folders`.
absl::Status FileAway(const Partner& partner, const std::filesystem::path& file,
                      const FileAwayFolders& folders,
                      const absl::Status& outcome, absl::Time now);

}  // namespace rosa

#endif  // ROSA_ADAPTERS_FILE_DROP_FILE_AWAY_H_
