// StreamSet ends open streams: for good at shutdown (CloseAll), or only
// those open now when partner access changed (EndOpen).
#include "hub/server/stream_set.h"

#include <vector>

#include "gtest/gtest.h"

namespace rosa {
namespace {

class FakeStream final : public ClosableStream {
 public:
  void Close(const grpc::Status& status) override { closed.push_back(status); }
  std::vector<grpc::Status> closed;
};

TEST(StreamSetTest, EndOpenEndsTheOpenStreamsAndTakesNewOnes) {
  StreamSet set;
  FakeStream a, b, later;
  ASSERT_TRUE(set.Add(&a, "ks-oslo"));
  ASSERT_TRUE(set.Add(&b, "ks-oslo"));
  set.Forget(&b);

  set.EndOpen();
  ASSERT_EQ(a.closed.size(), 1u);
  EXPECT_EQ(a.closed[0].error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(b.closed.empty());

  EXPECT_TRUE(set.Add(&later, "ks-oslo"));
  EXPECT_TRUE(later.closed.empty());
  set.Forget(&a);
  set.Forget(&later);
}

TEST(StreamSetTest, CloseAllRefusesNewStreams) {
  StreamSet set;
  FakeStream a, later;
  ASSERT_TRUE(set.Add(&a, "ks-oslo"));
  set.CloseAll();
  EXPECT_EQ(a.closed.size(), 1u);
  EXPECT_FALSE(set.Add(&later, "ks-oslo"));
  EXPECT_EQ(later.closed.size(), 1u);
}

}  // namespace
}  // namespace rosa
