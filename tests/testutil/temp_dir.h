// TempDir: a fresh, empty directory per test, removed with its contents
// when the TempDir is destroyed. It is made with mkdtemp, so its mode is
// 0700 and it may hold private files (hub/common/private_file.h). Its name
// is <::testing::TempDir()>/<suite>.<test>.XXXXXX. Header-only helper for
// the unit tests.
//
// Example:
//   class MyTest : public ::testing::Test {
//    protected:
//     rosa::testutil::TempDir dir_;
//   };
//   ... Open(dir_.File("hub.db")) ...
//
// Thread-safety: a TempDir is immutable after construction; several may be
// made concurrently.
#ifndef ROSA_TESTS_TESTUTIL_TEMP_DIR_H_
#define ROSA_TESTS_TESTUTIL_TEMP_DIR_H_

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "gtest/gtest.h"

namespace rosa::testutil {

class TempDir {
 public:
  // A failure to create the directory is a test failure (ADD_FAILURE).
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "rosa";
    if (info != nullptr) {
      name = std::string(info->test_suite_name()) + "." + info->name();
    }
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    if (name.size() > 200) name.resize(200);  // Below NAME_MAX with suffix.
    std::string pattern =
        (std::filesystem::path(::testing::TempDir()) / (name + ".XXXXXX"))
            .string();
    if (mkdtemp(pattern.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp " << pattern << " failed";
    }
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // path() / `name`.
  std::filesystem::path File(const std::string& name) const {
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_TEMP_DIR_H_
