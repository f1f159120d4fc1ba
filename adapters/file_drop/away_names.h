// The names a partner's inbox file gets in processed/ and rejected/. The
// partner chose its name; the hub chooses these, so that they always fit
// the file system (NAME_MAX, 255 bytes) with room for what the hub adds to
// them: a distinguishing "-2", "-3"... when a name is taken, the report
// "<name>.error.txt" beside a rejected file, and the temporary name under
// which that report is written (".tmp.<pid>.<n>", hub/common/private_file.h).
//
// Thread-safety: pure functions.
#ifndef ROSA_ADAPTERS_FILE_DROP_AWAY_NAMES_H_
#define ROSA_ADAPTERS_FILE_DROP_AWAY_NAMES_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace rosa {

// The longest name AwayName returns, in bytes.
inline constexpr size_t kMaxAwayNameBytes = 200;
// The most names NumberedName is asked for in one folder; past it the file
// cannot be filed away there (the caller says so).
inline constexpr int kMaxNumberedNames = 9999;

// `name` escaped as for a log (hub/common/log_text.h: a control character,
// a backslash or a byte that is not UTF-8 becomes `\xNN`; "æøå" stays) and,
// if longer than kMaxAwayNameBytes, cut at a character boundary and marked
// with "~" before its extension, which is kept when short (".csv").
std::string AwayName(std::string_view name);

// The `n`th name to try for `away_name` in a folder: `away_name` itself for
// n = 1, then "<away_name>-2", "-3"... up to kMaxNumberedNames.
std::string NumberedName(std::string_view away_name, int n);

}  // namespace rosa

#endif  // ROSA_ADAPTERS_FILE_DROP_AWAY_NAMES_H_
