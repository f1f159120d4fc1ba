// The control messages between the hub and the plugin fork server, over a
// real SOCK_SEQPACKET socketpair.
#include "hub/plugin_host/fork_server_wire.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gtest/gtest.h"

namespace rosa {
namespace {

class ForkServerWireTest : public ::testing::Test {
 protected:
  ForkServerWireTest() {
    EXPECT_EQ(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds_), 0);
  }
  ~ForkServerWireTest() override {
    for (int fd : fds_) {
      if (fd >= 0) close(fd);
    }
  }
  int fds_[2] = {-1, -1};
};

TEST_F(ForkServerWireTest, FieldsAndDescriptorsArriveWhole) {
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  ForkServerMessage sent;
  sent.kind = ForkServerKind::kSpawned;
  sent.fields = {"4242", "", "a b"};
  sent.fds = {pipe_fds[0], pipe_fds[1]};
  ASSERT_TRUE(SendForkServerMessage(fds_[0], sent).ok());
  close(pipe_fds[0]);
  close(pipe_fds[1]);

  absl::StatusOr<ForkServerMessage> got =
      ReceiveForkServerMessage(fds_[1], /*wait=*/true);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->kind, ForkServerKind::kSpawned);
  EXPECT_EQ(got->fields, sent.fields);
  ASSERT_EQ(got->fds.size(), 2u);
  // The received descriptors are the two ends of the same pipe.
  ASSERT_EQ(write(got->fds[1], "x", 1), 1);
  char c = 0;
  EXPECT_EQ(read(got->fds[0], &c, 1), 1);
  EXPECT_EQ(c, 'x');
  for (int fd : got->fds) close(fd);
}

TEST_F(ForkServerWireTest, NothingWaitingIsResourceExhaustedWithoutWaiting) {
  EXPECT_TRUE(absl::IsResourceExhausted(
      ReceiveForkServerMessage(fds_[1], /*wait=*/false).status()));
}

TEST_F(ForkServerWireTest, AnUnknownKindIsDataLoss) {
  ASSERT_EQ(send(fds_[0], "Zjunk", 5, 0), 5);
  EXPECT_TRUE(absl::IsDataLoss(
      ReceiveForkServerMessage(fds_[1], /*wait=*/true).status()));
}

TEST_F(ForkServerWireTest, AClosedPeerIsUnavailableBothWays) {
  close(fds_[0]);
  fds_[0] = -1;
  EXPECT_TRUE(absl::IsUnavailable(
      ReceiveForkServerMessage(fds_[1], /*wait=*/true).status()));
  ForkServerMessage m;
  m.kind = ForkServerKind::kSpawn;
  EXPECT_TRUE(absl::IsUnavailable(SendForkServerMessage(fds_[1], m)));
}

}  // namespace
}  // namespace rosa
