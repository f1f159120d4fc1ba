// `rosa-hub backup` and `rosa-hub restore` (hub/backup/): the command line.
//
//   rosa-hub backup --data-dir /var/lib/rosa-hub --out DIR
//     copies the database (consistent, while the hub serves) and pki/
//     certificates into DIR with manifest.json; never keys/. Run it as the
//     hub's user: it signs the manifest with the hub's audit key.
//   rosa-hub restore --from DIR --data-dir D [--public-key FILE]
//                    [--allow-unsigned-manifest]
//     checks the manifest's signature, then every file's SHA-256 and the
//     audit log against the manifest, then fills D (empty, or holding only
//     keys/ copied from custody), and moves every event cursor and id
//     counter past what was handed out after the backup. An unsigned
//     (format 1) manifest only with --allow-unsigned-manifest.
//
// Thread-safety: construct and run once, from main.
#ifndef ROSA_HUB_CLI_BACKUP_COMMAND_H_
#define ROSA_HUB_CLI_BACKUP_COMMAND_H_

#include <filesystem>
#include <optional>

#include "CLI/CLI.hpp"

namespace rosa {

class BackupCommands {
 public:
  // Adds the `backup` and `restore` subcommands to `app`.
  explicit BackupCommands(CLI::App& app);
  BackupCommands(const BackupCommands&) = delete;
  BackupCommands& operator=(const BackupCommands&) = delete;

  // After parsing: the exit code of the chosen command, or nullopt if
  // neither was chosen.
  std::optional<int> RunIfChosen() const;

 private:
  CLI::App* backup_ = nullptr;
  CLI::App* restore_ = nullptr;
  std::filesystem::path data_dir_ = "var";
  std::filesystem::path out_;
  std::filesystem::path from_;
  std::filesystem::path public_key_file_;
  bool allow_unsigned_manifest_ = false;
};

}  // namespace rosa

#endif  // ROSA_HUB_CLI_BACKUP_COMMAND_H_
