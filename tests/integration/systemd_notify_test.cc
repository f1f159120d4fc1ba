// Integration test of the hub's systemd readiness protocol (Type=notify in
// deploy/systemd/rosa-hub.service) against the real process: given a
// NOTIFY_SOCKET, as systemd gives it, the hub sends READY=1 once it serves
// and STOPPING=1 when SIGTERM starts the drain.
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_process.h"

namespace rosa::integration {
namespace {

using ::testing::HasSubstr;

// A datagram socket bound where NOTIFY_SOCKET points.
class NotifySocket {
 public:
  explicit NotifySocket(const std::filesystem::path& path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    path.string().copy(addr.sun_path, sizeof(addr.sun_path) - 1);
    bound_ = fd_ >= 0 &&
             ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    const timeval timeout{.tv_sec = 30, .tv_usec = 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  }
  ~NotifySocket() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool bound() const { return bound_; }
  // The next message, or "" after 30 s without one.
  std::string Receive() {
    char buffer[4096];
    const ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
    return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : "";
  }

 private:
  int fd_ = -1;
  bool bound_ = false;
};

TEST(SystemdNotifyTest, ReadyWhenServingStoppingOnSigterm) {
  auto dir = MakeTempDir("notify");
  ASSERT_TRUE(dir.ok()) << dir.status();
  const std::filesystem::path path = *dir / "notify";
  NotifySocket socket(path);
  ASSERT_TRUE(socket.bound());
  // The child inherits it, as it would from systemd.
  ASSERT_EQ(::setenv("NOTIFY_SOCKET", path.c_str(), 1), 0);
  auto hub = HubProcess::Start();
  ::unsetenv("NOTIFY_SOCKET");
  ASSERT_TRUE(hub.ok()) << hub.status();

  EXPECT_THAT(socket.Receive(), HasSubstr("READY=1"));
  auto exit = (*hub)->Terminate();
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->success()) << exit->ToString();
  EXPECT_THAT(socket.Receive(), HasSubstr("STOPPING=1"));
  std::error_code ec;
  std::filesystem::remove_all(*dir, ec);
}

}  // namespace
}  // namespace rosa::integration
