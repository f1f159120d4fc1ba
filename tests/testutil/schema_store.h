// A gtest base fixture for tests of the store's own pieces: one read-write
// connection to a fresh database in a temporary folder, with the hub's
// whole schema applied (conn_, in dir_/hub.db).
// Thread-safety: one test thread.
#ifndef ROSA_TESTS_TESTUTIL_SCHEMA_STORE_H_
#define ROSA_TESTS_TESTUTIL_SCHEMA_STORE_H_

#include <memory>
#include <utility>

#include "gtest/gtest.h"
#include "hub/store/schema.h"
#include "hub/store/sqlite.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::testutil {

class SchemaStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto conn = store::Connection::Open(dir_.File("hub.db"),
                                        store::Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok()) << conn.status();
    conn_ = std::move(*conn);
    ASSERT_TRUE(store::ApplySchema(*conn_).ok());
  }

  TempDir dir_;
  std::unique_ptr<store::Connection> conn_;
};

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_SCHEMA_STORE_H_
