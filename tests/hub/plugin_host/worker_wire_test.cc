#include "hub/plugin_host/worker_wire.h"

#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/common/hub_clock.h"

namespace rosa {
namespace {

using ::testing::HasSubstr;

class WorkerWireTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds_), 0);
  }
  void TearDown() override {
    for (int fd : fds_) {
      if (fd >= 0) close(fd);
    }
  }
  void CloseHub() {
    close(fds_[0]);
    fds_[0] = -1;
  }
  int hub() const { return fds_[0]; }
  int worker() const { return fds_[1]; }

 private:
  int fds_[2] = {-1, -1};
};

TEST_F(WorkerWireTest, AFrameArrivesWhole) {
  Frame sent;
  sent.kind = FrameKind::kDecode;
  sent.flags = kFrameRetire;
  sent.id = 0x01020304;
  sent.body = std::string("\0payload\xff", 9);
  ASSERT_TRUE(WriteFrame(hub(), sent, absl::InfiniteFuture()).ok());
  auto got = ReadFrame(worker(), absl::InfiniteFuture());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->kind, FrameKind::kDecode);
  EXPECT_EQ(got->flags, kFrameRetire);
  EXPECT_EQ(got->id, 0x01020304u);
  EXPECT_EQ(got->body, sent.body);
}

TEST_F(WorkerWireTest, ABodyLargerThanTheSocketBufferCrossesInPieces) {
  Frame sent;
  sent.kind = FrameKind::kAnswer;
  sent.body.assign(3 << 20, 'x');
  sent.body[12345] = 'y';
  std::thread writer([&] {
    EXPECT_TRUE(WriteFrame(worker(), sent, absl::InfiniteFuture()).ok());
  });
  auto got = ReadFrame(hub(), absl::InfiniteFuture());
  writer.join();
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->body, sent.body);
}

TEST_F(WorkerWireTest, AnEmptyBodyIsAFrame) {
  Frame empty;
  empty.kind = FrameKind::kEncode;
  ASSERT_TRUE(WriteFrame(hub(), empty, absl::InfiniteFuture()).ok());
  auto got = ReadFrame(worker(), absl::InfiniteFuture());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->kind, FrameKind::kEncode);
  EXPECT_TRUE(got->body.empty());
}

TEST_F(WorkerWireTest, AFailureCarriesItsCodeAndMessage) {
  const absl::Status failure =
      absl::FailedPreconditionError("plugin file libx.so: manifest");
  ASSERT_TRUE(
      WriteFrame(worker(), FailureFrame(failure), absl::InfiniteFuture()).ok());
  auto got = ReadFrame(hub(), absl::InfiniteFuture());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->kind, FrameKind::kFailure);
  EXPECT_EQ(FrameStatus(*got), failure);
}

TEST_F(WorkerWireTest, AFailureWithoutAValidCodeIsInternal) {
  Frame bad;
  bad.kind = FrameKind::kFailure;
  bad.body = "?";
  EXPECT_EQ(FrameStatus(bad).code(), absl::StatusCode::kInternal);
  bad.code = 200;
  EXPECT_EQ(FrameStatus(bad).code(), absl::StatusCode::kInternal);
}

// Deadlines are on the steady clock, whatever the wall clock says: one a
// minute ahead of it has not passed (on the wall clock, which reads decades
// later than CLOCK_MONOTONIC, it would have long passed).
TEST_F(WorkerWireTest, DeadlinesAreReadOnTheSteadyClock) {
  const absl::Time deadline = SteadyClock().Now() + absl::Minutes(1);
  Frame sent;
  sent.kind = FrameKind::kDecode;
  sent.body = "x";
  ASSERT_TRUE(WriteFrame(hub(), sent, deadline).ok());
  auto got = ReadFrame(worker(), deadline);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->body, "x");
}

TEST_F(WorkerWireTest, NothingToReadByThePastDeadlineIsDeadlineExceeded) {
  auto got = ReadFrame(hub(), SteadyClock().Now() - absl::Seconds(1));
  EXPECT_EQ(got.status().code(), absl::StatusCode::kDeadlineExceeded);
}

TEST_F(WorkerWireTest, APeerThatClosedIsUnavailable) {
  CloseHub();
  auto got = ReadFrame(worker(), absl::InfiniteFuture());
  EXPECT_EQ(got.status().code(), absl::StatusCode::kUnavailable);
  // Writing to it neither raises SIGPIPE nor succeeds.
  absl::Status sent = WriteFrame(
      worker(), FailureFrame(absl::InternalError("x")), absl::InfiniteFuture());
  EXPECT_EQ(sent.code(), absl::StatusCode::kUnavailable);
}

TEST_F(WorkerWireTest, AFrameCutShortIsUnavailable) {
  const char partial[] = {0, 0, 0, 9, 4, 0, 0, 0, 0, 0, 0, 1, 'a', 'b'};
  ASSERT_EQ(write(hub(), partial, sizeof(partial)),
            static_cast<ssize_t>(sizeof(partial)));
  CloseHub();
  auto got = ReadFrame(worker(), absl::InfiniteFuture());
  EXPECT_EQ(got.status().code(), absl::StatusCode::kUnavailable);
}

TEST_F(WorkerWireTest, AHeaderThatIsNotOneIsDataLoss) {
  const char unknown_kind[] = {0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 1};
  const char reserved_set[] = {0, 0, 0, 0, 4, 0, 0, 1, 0, 0, 0, 1};
  const char too_big[] = {0x7f, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 1};
  for (const char* header : {unknown_kind, reserved_set, too_big}) {
    ASSERT_EQ(write(hub(), header, 12), 12);
    auto got = ReadFrame(worker(), absl::InfiniteFuture());
    EXPECT_EQ(got.status().code(), absl::StatusCode::kDataLoss);
    EXPECT_THAT(got.status().message(), HasSubstr("not a frame header"));
  }
}

// The header alone refuses a body over the reader's cap: the body is not
// waited for (it never comes here) nor allocated.
TEST_F(WorkerWireTest, ABodyOverTheReadersCapIsRefusedFromItsHeader) {
  const char claims_a_mebibyte[] = {0, 0x10, 0, 0, 4, 0, 0, 0, 0, 0, 0, 1};
  ASSERT_EQ(write(hub(), claims_a_mebibyte, 12), 12);
  auto got = ReadFrame(worker(), SteadyClock().Now() + absl::Seconds(30),
                       /*max_body=*/1000);
  EXPECT_EQ(got.status().code(), absl::StatusCode::kResourceExhausted);
}

TEST_F(WorkerWireTest, TheAnswerCapGrowsWithTheRequestUpToTheCeiling) {
  EXPECT_EQ(AnswerCap(0), kAnswerAllowance);
  EXPECT_EQ(AnswerCap(1000), kAnswerAllowance + 1000 * kAnswerPerRequestByte);
  EXPECT_EQ(AnswerCap(kMaxFrameBody), kMaxAnswerBody);
  EXPECT_EQ(AnswerCap(~size_t{0}), kMaxAnswerBody);
}

TEST_F(WorkerWireTest, ABodyOverTheLimitIsNotSent) {
  Frame huge;
  huge.kind = FrameKind::kDecode;
  huge.body.resize(kMaxFrameBody + 1);
  EXPECT_EQ(WriteFrame(hub(), huge, absl::InfiniteFuture()).code(),
            absl::StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace rosa
