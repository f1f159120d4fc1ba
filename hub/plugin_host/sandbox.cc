#include "hub/plugin_host/sandbox.h"

#include <fcntl.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

#include "absl/strings/str_cat.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

namespace rosa {
namespace {

absl::Status Failed(const char* step, int err) {
  return absl::ErrnoToStatus(err, absl::StrCat("plugin sandbox: ", step));
}

}  // namespace

absl::Status KeepOnlyDescriptor(int keep_fd) {
  const int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd < 0) return Failed("open /dev/null", errno);
  // A sanitizer build keeps stderr: the runtime's reports go there.
  const int last_silenced = kSandboxKeepsStderr ? 1 : 2;
  for (int fd = 0; fd <= last_silenced; ++fd) {
    if (dup2(null_fd, fd) < 0) return Failed("dup2", errno);
  }
  if (null_fd != keep_fd && null_fd > 2) close(null_fd);
  if (keep_fd > 3 &&
      close_range(3, static_cast<unsigned>(keep_fd) - 1, 0) != 0) {
    return Failed("close_range", errno);
  }
  if (close_range(static_cast<unsigned>(keep_fd) + 1, ~0U, 0) != 0) {
    return Failed("close_range", errno);
  }
  return absl::OkStatus();
}

namespace {

absl::Status Limit(int resource, rlim_t soft, rlim_t hard) {
  const struct rlimit limit = {soft, hard};
  if (setrlimit(resource, &limit) != 0) return Failed("setrlimit", errno);
  return absl::OkStatus();
}

#if defined(__SANITIZE_ADDRESS__)
// ASan + UBSan build only: UBSan's vptr check asks whether a vtable is
// readable by writing it into a pipe it makes for the question
// (IsAccessibleMemoryRange); a refused pipe reads as "not an object" and
// fails the check. The filter allows pipe2, and the limits two descriptors
// beyond the socket.
constexpr rlim_t kSanitizerDescriptors = 2;
#else
constexpr rlim_t kSanitizerDescriptors = 0;
#endif

// The system calls a decoder or encoder makes once loaded, found by running
// every plugin of this repository over its samples under the filter.
constexpr int kAllowed[] = {
    SCMP_SYS(read),           SCMP_SYS(write),        SCMP_SYS(readv),
    SCMP_SYS(writev),         SCMP_SYS(recvfrom),     SCMP_SYS(sendto),
    SCMP_SYS(recvmsg),        SCMP_SYS(sendmsg),      SCMP_SYS(close),
    SCMP_SYS(munmap),         SCMP_SYS(mremap),       SCMP_SYS(brk),
    SCMP_SYS(madvise),        SCMP_SYS(futex),        SCMP_SYS(clock_gettime),
    SCMP_SYS(clock_getres),   SCMP_SYS(gettimeofday), SCMP_SYS(clock_nanosleep),
    SCMP_SYS(nanosleep),      SCMP_SYS(sched_yield),  SCMP_SYS(getrandom),
    SCMP_SYS(getpid),         SCMP_SYS(gettid),       SCMP_SYS(rt_sigreturn),
    SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigaction), SCMP_SYS(exit),
    SCMP_SYS(exit_group),
};

}  // namespace

std::span<const int> WorkerSystemCalls() { return kAllowed; }

namespace {

absl::Status InstallFilter() {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
  if (ctx == nullptr)
    return absl::InternalError("plugin sandbox: seccomp_init");
  int rc = 0;
  for (int call : kAllowed) {
    if (rc == 0) rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, call, 0);
  }
  // Memory, but never executable: the plugin's code is already mapped.
  if (rc == 0) {
    rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1,
                          SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
  }
  if (rc == 0) {
    rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
                          SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
  }
#if defined(__SANITIZE_ADDRESS__)
  // ASan build only: before every call that does not return (abort, _exit,
  // a throw) ASan asks where the signal stack is, sigaltstack(NULL, &old),
  // to unpoison it. Only that question is allowed: no new stack is set.
  if (rc == 0) {
    rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(sigaltstack), 1,
                          SCMP_A0(SCMP_CMP_EQ, 0));
  }
  if (rc == 0) rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(pipe2), 0);
#endif
  // abort() signals its own thread; no other process may be signalled.
  if (rc == 0) {
    rc = seccomp_rule_add(
        ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
        SCMP_A0(SCMP_CMP_EQ, static_cast<scmp_datum_t>(getpid())));
  }
  if (rc == 0) rc = seccomp_load(ctx);
  seccomp_release(ctx);
  if (rc != 0) return Failed("seccomp", -rc);
  return absl::OkStatus();
}

// What the fork server and its children before their own filter never need.
// A blocklist: anything not named here is allowed (see sandbox.h).
constexpr int kForkServerRefused[] = {
    SCMP_SYS(socket),
    SCMP_SYS(connect),
    SCMP_SYS(bind),
    SCMP_SYS(listen),
    SCMP_SYS(accept),
    SCMP_SYS(accept4),
    // io_uring's operations open, connect and send on sockets (and open
    // files) without those system calls, so the rules above would not see
    // them.
    SCMP_SYS(io_uring_setup),
    SCMP_SYS(io_uring_enter),
    SCMP_SYS(io_uring_register),
    // Takes a descriptor of another process (the hub's database or key
    // files) as ptrace would.
    SCMP_SYS(pidfd_getfd),
    SCMP_SYS(execve),
    SCMP_SYS(execveat),
    SCMP_SYS(process_vm_readv),
    SCMP_SYS(process_vm_writev),
    SCMP_SYS(mount),
    SCMP_SYS(umount2),
    SCMP_SYS(pivot_root),
    SCMP_SYS(chroot),
    SCMP_SYS(unshare),
    SCMP_SYS(setns),
    SCMP_SYS(init_module),
    SCMP_SYS(finit_module),
    SCMP_SYS(delete_module),
    SCMP_SYS(kexec_load),
    SCMP_SYS(bpf),
    SCMP_SYS(perf_event_open),
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    SCMP_SYS(ptrace),
#endif
};

}  // namespace

absl::Status EnterForkServerSandbox() {
  if (absl::Status s = Limit(RLIMIT_CORE, 0, 0); !s.ok()) return s;
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    return Failed("PR_SET_NO_NEW_PRIVS", errno);
  }
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    return Failed("PR_SET_DUMPABLE", errno);
  }
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
  if (ctx == nullptr) {
    return absl::InternalError("plugin fork server sandbox: seccomp_init");
  }
  int rc = 0;
  for (int call : kForkServerRefused) {
    if (rc == 0) rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), call, 0);
  }
  if (rc == 0) rc = seccomp_load(ctx);
  seccomp_release(ctx);
  if (rc != 0) return Failed("fork server seccomp", -rc);
  return absl::OkStatus();
}

absl::Status EnterSandbox(int keep_fd, const SandboxLimits& limits) {
  if (keep_fd < 3) {
    return absl::InvalidArgumentError(
        "plugin sandbox: the socket must not be a standard descriptor");
  }
  if (absl::Status s = KeepOnlyDescriptor(keep_fd); !s.ok()) return s;
#if defined(__SANITIZE_ADDRESS__)
  // ASan build: LeakSanitizer's end-of-process check stops the world with
  // clone and ptrace, which the filter kills (SIGSYS). It runs here instead,
  // once, before the limits (its tracer opens /proc/<pid>/task, which one
  // descriptor beyond the socket would not allow) and the filter; a leak
  // ends the worker (exit 23) before it says hello, so the hub's plugin
  // start fails and with it the test. The decode loop's own leaks are
  // LeakSanitizer's in the fuzz targets.
  __lsan_do_leak_check();
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  // A fault in the plugin: the runtime's handler would report it with
  // calls the filter refuses (ASan reads /proc, TSan asks ioctl), so the
  // worker would die of SIGSYS and the fault's own signal be lost. It dies
  // of the signal, as in production, and the hub names it.
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) signal(sig, SIG_DFL);
#endif
  const rlim_t as = limits.address_space_bytes;
  const rlim_t cpu = limits.cpu_seconds;
  const rlim_t files = static_cast<rlim_t>(keep_fd) + 1 + kSanitizerDescriptors;
  if (kSandboxLimitsAddressSpace) {
    if (absl::Status s = Limit(RLIMIT_AS, as, as); !s.ok()) return s;
  }
  for (absl::Status s :
       {Limit(RLIMIT_CPU, cpu, cpu + 5), Limit(RLIMIT_NOFILE, files, files),
        Limit(RLIMIT_CORE, 0, 0)}) {
    if (!s.ok()) return s;
  }
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    return Failed("PR_SET_NO_NEW_PRIVS", errno);
  }
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    return Failed("PR_SET_DUMPABLE", errno);
  }
  return InstallFilter();
}

}  // namespace rosa
