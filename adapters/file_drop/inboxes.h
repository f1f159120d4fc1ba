// The file drop's inboxes: a round takes the complete files in a partner's
// inbox/ in name order, reads each without trusting it (inbox_file.h), has
// the core apply it through the partner's plugin (the ingest desk, exactly
// as a call to the API) and files it away by its outcome (file_away.h).
// Logs name the partner and the escaped file name only.
//
// Thread-safety: thread-compatible: the file drop's one thread uses it.
#ifndef ROSA_ADAPTERS_FILE_DROP_INBOXES_H_
#define ROSA_ADAPTERS_FILE_DROP_INBOXES_H_

#include <cstddef>
#include <filesystem>
#include <functional>

#include "adapters/file_drop/file_away.h"
#include "hub/common/clock.h"
#include "hub/exchange/ingest_desk.h"
#include "hub/partner/partner.h"

namespace rosa {

class Inboxes {
 public:
  struct Options {
    // The exchange root: `<root>/<partner id>/inbox/` and beside it.
    std::filesystem::path root;
    // Larger inbox files are rejected without being read.
    size_t max_payload_bytes = 1024 * 1024;
    // Stamps the files filed away. Required.
    const Clock* clock = nullptr;
  };

  // REQUIRES: `ingest` and `options.clock` outlive the object.
  Inboxes(IngestDesk* ingest, Options options);

  // One round over `partner`'s inbox: every complete file in it, in name
  // order, until `stopping` returns true.
  void Round(const Partner& partner, const std::function<bool()>& stopping);

 private:
  void ProcessFile(const Partner& partner, const std::filesystem::path& file);
  std::filesystem::path Folder(const Partner& partner, const char* name) const;

  IngestDesk* ingest_;
  const Options options_;
};

}  // namespace rosa

#endif  // ROSA_ADAPTERS_FILE_DROP_INBOXES_H_
