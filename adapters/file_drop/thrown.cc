#include "adapters/file_drop/thrown.h"

#include <filesystem>
#include <new>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace rosa {

std::string DescribeThrown() {
  try {
    throw;
  } catch (const std::filesystem::filesystem_error& e) {
    return absl::StrCat("filesystem error: ", e.code().message());
  } catch (const std::system_error& e) {
    return absl::StrCat("system error: ", e.code().message());
  } catch (const std::bad_alloc&) {
    return "out of memory";
  } catch (...) {
    return "an unexpected exception";
  }
}

}  // namespace rosa
