// A fresh, empty directory per test, removed when the test ends. Header-only
// test helper shared by the store and outbox tests.
#ifndef ROSA_TESTS_HUB_STORE_TEMP_DIR_H_
#define ROSA_TESTS_HUB_STORE_TEMP_DIR_H_

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <system_error>

#include "gtest/gtest.h"

namespace rosa::testutil {

class TempDir {
 public:
  // Creates <TempDir()>/<suite>.<test>.<pid>.<n>.
  TempDir() {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "rosa";
    if (info != nullptr) {
      name = std::string(info->test_suite_name()) + "." + info->name();
    }
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    path_ = std::filesystem::path(::testing::TempDir()) /
            (name + "." + std::to_string(::getpid()) + "." +
             std::to_string(counter.fetch_add(1)));
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path File(const std::string& name) const {
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_HUB_STORE_TEMP_DIR_H_
