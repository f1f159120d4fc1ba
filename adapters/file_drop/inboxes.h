// The file drop's inboxes: rounds take the complete files in a partner's
// inbox/ in name order, read each without trusting it (inbox_file.h), have
// the core apply it through the partner's plugin (the ingest desk, exactly
// as a call to the API) and file it away by its outcome (file_away.h).
// Logs name the partner and the escaped file name only.
//
// One partner's flood holds up no other: a round takes at most
// kFilesPerRound of a partner's files, and no more once kTimePerRound has
// passed; the files listed and not taken yet wait for the partner's next
// round, after the other partners have had theirs. The inbox is listed
// again once they are all taken.
//
// Before each round the partner's folders are made again if missing
// (inbox/, and processed/ and rejected/ private); while they cannot be,
// the inbox waits (logged once). A file that cannot be moved where its
// outcome sends it (logged by file_away.h), and a file that made an
// exception (none leaves a round: logged without the file's content), is
// set aside: left in the inbox and not taken again until kSetAsideFor has
// passed or another file takes its name (or the hub restarts), so that one
// file can neither stop the file drop nor keep it busy applying it again.
//
// A partner over its budget (IngestDesk::Budget: the file is refused
// RESOURCE_EXHAUSTED and left in the inbox) has its inbox paused for
// kOverBudgetPause: before, every round decoded its whole backlog again
// only to have it refused, keeping the file drop and the plugin workers
// busy for as long as the partner stayed over.
//
// Thread-safety: thread-compatible: the file drop's one thread uses it.
#ifndef ROSA_ADAPTERS_FILE_DROP_INBOXES_H_
#define ROSA_ADAPTERS_FILE_DROP_INBOXES_H_

#include <sys/stat.h>
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "adapters/file_drop/file_away.h"
#include "hub/common/clock.h"
#include "hub/exchange/ingest_desk.h"
#include "hub/partner/partner.h"

namespace rosa {

class Inboxes {
 public:
  // How long a file set aside is left alone.
  static constexpr absl::Duration kSetAsideFor = absl::Minutes(10);
  // A partner's share of one round.
  static constexpr int kFilesPerRound = 16;
  static constexpr std::chrono::milliseconds kTimePerRound{250};
  // How long the inbox of a partner over its budget is left alone.
  static constexpr absl::Duration kOverBudgetPause = absl::Seconds(5);

  struct Options {
    // The exchange root: `<root>/<partner id>/inbox/` and beside it.
    std::filesystem::path root;
    // Larger inbox files are rejected without being read.
    size_t max_payload_bytes = 1024 * 1024;
    // Stamps the files filed away; times kSetAsideFor. Required.
    const Clock* clock = nullptr;
  };

  // REQUIRES: `ingest` and `options.clock` outlive the object.
  Inboxes(IngestDesk* ingest, Options options);

  // One round over `partner`'s inbox: its share of the files, in name
  // order, until `stopping` returns true. Whether files are waiting for
  // its next round (never while the partner is paused). Never throws.
  bool Round(const Partner& partner, const std::function<bool()>& stopping);

 private:
  // A file set aside, known by its inode and size: another file under its
  // name is taken at once.
  struct SetAside {
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    absl::Time until;
  };
  using FileKey = std::pair<std::string, std::string>;  // Partner, name.

  // Makes `partner`'s folders again if missing; false (logged once while it
  // lasts) if they cannot be.
  bool EnsureFolders(const Partner& partner);
  // OK, or the error of a file that could not be filed away.
  absl::Status ProcessFile(const Partner& partner,
                           const std::filesystem::path& file);
  // Whether `partner`'s inbox is paused (over its budget); forgets the
  // pause once it is over.
  bool IsPaused(const Partner& partner);
  void PutAside(const FileKey& key, const struct stat& st);
  // Whether the file `st` describes is set aside; forgets it once not.
  bool IsSetAside(const FileKey& key, const struct stat& st);
  // Forgets the files set aside in `partner`'s inbox that are not in
  // `names` any more.
  void ForgetGone(const Partner& partner,
                  const std::vector<std::string>& names);
  std::filesystem::path Folder(const Partner& partner, const char* name) const;

  IngestDesk* ingest_;
  const Options options_;
  std::map<FileKey, SetAside> set_aside_;
  // Each partner's files listed and not taken yet, in name order.
  std::map<std::string, std::deque<std::string>> queued_;
  // The partners whose folders could not be made, since it was logged.
  std::set<std::string> folders_missing_;
  // Partners over their budget, and until when their inbox waits.
  std::map<std::string, absl::Time> paused_until_;
};

}  // namespace rosa

#endif  // ROSA_ADAPTERS_FILE_DROP_INBOXES_H_
