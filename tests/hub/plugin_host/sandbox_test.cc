#include "hub/plugin_host/sandbox.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;

// Runs `body` with its socket in a child process that first enters the
// sandbox; the parent may look at the child through `watch` (given its pid,
// while the child waits for a byte) before letting it go. The child's wait
// status.
int RunSandboxed(const std::function<void(int socket_fd)>& body,
                 const SandboxLimits& limits = SandboxLimits(),
                 const std::function<void(pid_t)>& watch = nullptr) {
  int fds[2];
  EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    if (!EnterSandbox(fds[1], limits).ok()) _exit(100);
    char go;
    if (read(fds[1], &go, 1) != 1) _exit(101);
    body(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  if (watch) watch(pid);
  EXPECT_EQ(write(fds[0], "g", 1), 1);
  int status = 0;
  EXPECT_EQ(waitpid(pid, &status, 0), pid);
  close(fds[0]);
  return status;
}

bool KilledBy(int status, int sig) {
  return WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(SandboxTest, DecodingNeedsStillWork) {
  const int status = RunSandboxed([](int fd) {
    // Memory, large and small.
    void* big = std::malloc(64 << 20);
    if (big == nullptr) _exit(1);
    std::memset(big, 1, 64 << 20);
    std::free(big);
    std::string s(1000, 'x');
    // Clocks, randomness, the socket.
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0 ||
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0) {
      _exit(2);
    }
    char random[16];
    if (getrandom(random, sizeof(random), 0) != 16) _exit(3);
    if (send(fd, "ok", 2, MSG_NOSIGNAL) != 2) _exit(4);
  });
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

TEST(SandboxTest, OpeningAFileKillsWithSigsys) {
  EXPECT_TRUE(KilledBy(
      RunSandboxed([](int) { (void)open("/etc/passwd", O_RDONLY); }), SIGSYS));
}

TEST(SandboxTest, NetworkingKillsWithSigsys) {
  EXPECT_TRUE(
      KilledBy(RunSandboxed([](int) { (void)socket(AF_INET, SOCK_STREAM, 0); }),
               SIGSYS));
  EXPECT_TRUE(KilledBy(RunSandboxed([](int fd) {
                         struct sockaddr_un addr = {};
                         addr.sun_family = AF_UNIX;
                         (void)connect(fd, reinterpret_cast<sockaddr*>(&addr),
                                       sizeof(addr));
                       }),
                       SIGSYS));
}

TEST(SandboxTest, NewProcessesAndTracingKillWithSigsys) {
  EXPECT_TRUE(KilledBy(RunSandboxed([](int) {
                         char* argv[] = {const_cast<char*>("true"), nullptr};
                         char* envp[] = {nullptr};
                         execve("/bin/true", argv, envp);
                       }),
                       SIGSYS));
  EXPECT_TRUE(KilledBy(RunSandboxed([](int) { (void)fork(); }), SIGSYS));
  EXPECT_TRUE(KilledBy(RunSandboxed([](int) {
                         (void)ptrace(PTRACE_TRACEME, 0, nullptr, nullptr);
                       }),
                       SIGSYS));
}

TEST(SandboxTest, ExecutableMemoryKillsWithSigsys) {
  EXPECT_TRUE(KilledBy(RunSandboxed([](int) {
                         (void)mmap(nullptr, 4096, PROT_READ | PROT_EXEC,
                                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                       }),
                       SIGSYS));
}

TEST(SandboxTest, AbortIsStillAnAbort) {
  // abort() signals the process itself, which the filter allows: the
  // crash is reported as what it is.
  EXPECT_TRUE(KilledBy(RunSandboxed([](int) { std::abort(); }), SIGABRT));
}

TEST(SandboxTest, MemoryBeyondTheLimitIsRefused) {
  if (!kSandboxLimitsAddressSpace) {
    GTEST_SKIP() << "sanitizer build: no address-space limit (shadow memory)";
  }
  SandboxLimits limits;
  limits.address_space_bytes = uint64_t{256} << 20;
  const int status = RunSandboxed(
      [](int) {
        void* p = std::malloc(size_t{512} << 20);
        _exit(p == nullptr ? 0 : 1);
      },
      limits);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

TEST(SandboxTest, InheritedDescriptorsAreClosed) {
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);  // Not close-on-exec: inherited by fork.
  const int status = RunSandboxed([&](int) {
    // The write end is gone; writing to a closed descriptor is EBADF.
    _exit(write(pipe_fds[1], "x", 1) < 0 && errno == EBADF ? 0 : 1);
  });
  close(pipe_fds[0]);
  close(pipe_fds[1]);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

// The fork server's filter, which its children keep while a plugin's code
// first runs (its constructors, before the worker's own filter), refuses
// the network, io_uring too (whose operations open, connect and send on
// sockets with no socket call), and taking another process's descriptors.
// Each refusal is EPERM; the child's exit code has a bit for each that was
// not.
TEST(SandboxTest, TheForkServerFilterRefusesTheNetworkIoUringAndFdTheft) {
  const pid_t pid = fork();
  if (pid == 0) {
    if (!EnterForkServerSandbox().ok()) _exit(100);
    const auto refused = [](long rc) { return rc < 0 && errno == EPERM; };
    alignas(8) char params[120] = {};  // struct io_uring_params, zeroed.
    int failed = 0;
    if (!refused(socket(AF_INET, SOCK_STREAM, 0))) failed |= 1;
    if (!refused(syscall(__NR_io_uring_setup, 4, params))) failed |= 2;
    if (!refused(syscall(__NR_io_uring_enter, -1, 0, 0, 0, nullptr, 0))) {
      failed |= 4;
    }
    if (!refused(syscall(__NR_io_uring_register, -1, 0, nullptr, 0))) {
      failed |= 8;
    }
    if (!refused(syscall(__NR_pidfd_getfd, -1, 0, 0))) failed |= 16;
    _exit(failed);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0) << "bits: 1 socket, 2 io_uring_setup, "
                                       "4 io_uring_enter, 8 io_uring_register, "
                                       "16 pidfd_getfd";
}

TEST(SandboxTest, TheKernelShowsTheLimitsAndTheFilter) {
  std::string status_text, limits_text;
  SandboxLimits limits;
  limits.cpu_seconds = 30;
  RunSandboxed(
      [](int) {}, limits,
      [&](pid_t pid) {
        // Give the child the time to enter the sandbox: it then waits in read.
        for (int i = 0; i < 500; ++i) {
          status_text = Slurp("/proc/" + std::to_string(pid) + "/status");
          if (status_text.find("Seccomp:\t2") != std::string::npos) break;
          usleep(10000);
        }
        limits_text = Slurp("/proc/" + std::to_string(pid) + "/limits");
      });
  EXPECT_THAT(status_text, HasSubstr("NoNewPrivs:\t1"));
  EXPECT_THAT(status_text, HasSubstr("Seccomp:\t2"));
  EXPECT_THAT(limits_text, ContainsRegex("Max core file size +0 +0"));
  EXPECT_THAT(limits_text, ContainsRegex("Max cpu time +30 +35"));
  if (kSandboxLimitsAddressSpace) {
    EXPECT_THAT(limits_text, ContainsRegex("Max address space +1073741824"));
  }
  // The socket (fd 3 or more) is the last descriptor it may have.
  EXPECT_THAT(limits_text, ContainsRegex("Max open files +[4-9] +[4-9] "));
}

}  // namespace
}  // namespace rosa
