// A page of files written the way WriteFileAtomically writes one, with one
// fsync of their folder for the page instead of one per file: the file drop
// writes a page of outbox files this way.
//
//   StagedFiles page(outbox);
//   for (...) RETURN_IF_ERROR(page.Stage(name, bytes));  // temporary names
//   for (...) RETURN_IF_ERROR(page.Publish(i));  // rename into place
//   RETURN_IF_ERROR(page.SyncDirectory());       // the renames durable
//
// Stage writes each file under a temporary name next to its own (created
// 0600) and fsyncs it, so a file appears under its name only whole and
// durable and a reader never sees a torn one. Publish renames it, replacing
// a file of that name. A staged file not published (a doomed event's, or
// all of them after a failure) is deleted when the object goes.
//
// Thread-compatible: one thread uses an object.
#ifndef ROSA_HUB_COMMON_STAGED_FILES_H_
#define ROSA_HUB_COMMON_STAGED_FILES_H_

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace rosa {

class StagedFiles {
 public:
  explicit StagedFiles(std::filesystem::path dir);
  ~StagedFiles();
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;

  // Writes `data` under a temporary name for `dir / name` and fsyncs it.
  // Index: the order of the calls, from 0.
  absl::Status Stage(const std::string& name, std::string_view data);
  // Renames staged file `index` to its name (replacing a file of that name).
  // FAILED_PRECONDITION for an index not staged whole or already published.
  absl::Status Publish(size_t index);
  // fsync of `dir`: the renames are durable. REQUIRES: after the Publishes.
  absl::Status SyncDirectory();

  size_t size() const { return files_.size(); }

 private:
  struct File {
    std::filesystem::path tmp;
    std::filesystem::path path;
    bool staged = false;  // Written whole and fsynced.
    bool published = false;
  };
  const std::filesystem::path dir_;
  std::vector<File> files_;
};

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_STAGED_FILES_H_
