// Test helpers that look at what a test produced: a file's bytes, the names
// in a directory, which files under a directory hold some bytes (to prove a
// secret is nowhere on disk), and which fields of a message are set (to check
// minimisation field by field). Header-only. Thread-safety: pure functions.
#ifndef ROSA_TESTS_TESTUTIL_SCAN_H_
#define ROSA_TESTS_TESTUTIL_SCAN_H_

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "google/protobuf/message.h"

namespace rosa::testutil {

// The whole of a file's bytes ("" if it does not exist).
inline std::string FileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)),
                     std::istreambuf_iterator<char>());
}

// The names of the entries of `dir` (not recursive), sorted.
inline std::vector<std::string> EntryNames(const std::filesystem::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.insert(entry.path().filename().string());
  }
  return {names.begin(), names.end()};
}

// Every regular file under `dir` whose bytes contain `needle`.
inline std::vector<std::filesystem::path> FilesContaining(
    const std::filesystem::path& dir, const std::string& needle) {
  std::vector<std::filesystem::path> found;
  for (const auto& file : std::filesystem::recursive_directory_iterator(dir)) {
    if (!file.is_regular_file()) continue;
    if (FileBytes(file.path()).find(needle) != std::string::npos) {
      found.push_back(file.path());
    }
  }
  return found;
}

// Names of the fields of `message` that are set.
inline std::set<std::string> SetFieldNames(
    const google::protobuf::Message& message) {
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  std::set<std::string> names;
  for (const auto* f : fields) names.insert(f->name());
  return names;
}

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_SCAN_H_
