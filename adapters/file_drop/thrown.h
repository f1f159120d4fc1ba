// What an exception caught by a catch-all was, for a log line that must
// hold no file name and no content: the file drop's threads catch every
// exception (none may leave a thread), and what() may name a partner's
// file (std::filesystem_error) or carry bytes of a payload.
//
// Thread-safety: pure function.
#ifndef ROSA_ADAPTERS_FILE_DROP_THROWN_H_
#define ROSA_ADAPTERS_FILE_DROP_THROWN_H_

#include <string>

namespace rosa {

// "filesystem error: <the system's error text>", "out of memory" or "an
// unexpected exception".
// REQUIRES: called inside a catch block.
std::string DescribeThrown();

}  // namespace rosa

#endif  // ROSA_ADAPTERS_FILE_DROP_THROWN_H_
