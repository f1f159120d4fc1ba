// A ks-csv profile (plasser, hendelser, telefonlogg): its content type, its
// columns, and how one row becomes one hub command. DecodeWithProfile runs
// the shared part: the CSV syntax, the header, the field count of each row,
// and the all-or-nothing rule (any error, and no command is returned).
//
// Thread-safety: profiles are constants; DecodeWithProfile is reentrant.
#ifndef ROSA_PLUGINS_KS_CSV_PROFILE_H_
#define ROSA_PLUGINS_KS_CSV_PROFILE_H_

#include <span>
#include <string_view>
#include <vector>

#include "plugins/ks_csv/header.h"
#include "plugins/ks_csv/row.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::ks_csv {

struct Profile {
  std::string_view content_type;
  std::span<const Column> columns;
  // Fills `command` from `row`, or records errors on `row`.
  void (*decode_row)(Row& row, rosa::plugin::v1::HubCommand& command);
  // Optional: checks that need every row at once (say, a unit reported
  // twice); `commands` are those of the rows without errors.
  void (*check_rows)(const std::vector<rosa::plugin::v1::HubCommand>& commands,
                     std::vector<rosa::plugin::v1::RecordError>& errors);
};

rosa::plugin::v1::DecodeResponse DecodeWithProfile(std::string_view payload,
                                                   const Profile& profile);

}  // namespace rosa::plugin::ks_csv

#endif  // ROSA_PLUGINS_KS_CSV_PROFILE_H_
