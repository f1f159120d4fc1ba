// The sandbox a plugin worker enters after loading its plugin and before it
// reads any partner bytes. Irreversible, for the rest of the process:
//  - every descriptor is closed except the worker's socket, and stdin,
//    stdout and stderr point to /dev/null;
//  - resource limits: address space (RLIMIT_AS), CPU time (RLIMIT_CPU), no
//    new descriptors (RLIMIT_NOFILE), no core dumps (RLIMIT_CORE 0);
//  - no new privileges, not dumpable (no ptrace by the same user, no core);
//  - a seccomp-bpf filter (libseccomp) whose default is to kill the process
//    (SIGSYS), allowing only what decoding and encoding need: read and write
//    on open descriptors, memory (never executable), futex, clocks,
//    getrandom, signal return and exit. open, connect, socket, execve,
//    ptrace, fork and clone are all refused.
//
// Thread-safety: call once, from a single-threaded process.
#ifndef ROSA_HUB_PLUGIN_HOST_SANDBOX_H_
#define ROSA_HUB_PLUGIN_HOST_SANDBOX_H_

#include <cstdint>
#include <span>

#include "absl/status/status.h"

namespace rosa {

// False only in the sanitizer builds (ROSA_SANITIZE, deploy/run-sanitizers.sh):
// there ASan and TSan reserve terabytes of shadow address space before main,
// so an RLIMIT_AS could never be met and every later mapping would fail; the
// sandbox then sets no address-space limit (the seccomp filter, the other
// limits and the descriptors are exactly as in production). The ASan build's
// filter also answers sigaltstack(NULL, &old), the question ASan asks before
// every call that does not return; the production filter has no such rule.
// A sanitizer build's worker also keeps its stderr (the hub's), where the
// runtime writes its reports; in production stderr is /dev/null.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSandboxLimitsAddressSpace = false;
inline constexpr bool kSandboxKeepsStderr = true;
#else
inline constexpr bool kSandboxLimitsAddressSpace = true;
inline constexpr bool kSandboxKeepsStderr = false;
#endif

struct SandboxLimits {
  uint64_t address_space_bytes = uint64_t{1} << 30;
  uint32_t cpu_seconds = 600;
};

// Closes every descriptor but `keep_fd` (which must be 3 or more) and the
// standard three, which then point to /dev/null (stderr stays in the
// sanitizer builds, kSandboxKeepsStderr). INTERNAL if a step fails.
absl::Status KeepOnlyDescriptor(int keep_fd);

// The system calls the worker's filter allows whatever their arguments
// (besides mmap and mprotect without PROT_EXEC, and tgkill of itself). The
// load sandbox's filter (load_sandbox.h) allows them too: filters stack,
// so a call the lower one refuses stays refused.
std::span<const int> WorkerSystemCalls();

// Enters the sandbox, keeping only descriptor `keep_fd` (which must be 3 or
// more) besides the standard three. INTERNAL if a step fails; the process
// must then exit, as it may be half-sandboxed.
absl::Status EnterSandbox(int keep_fd, const SandboxLimits& limits);

// The lighter sandbox of the plugin fork server (fork_server_main.h), which
// never runs a plugin but whose children load one before EnterSandbox: no
// new privileges, not dumpable, no core dumps, and a seccomp filter that
// refuses (EPERM) the network (socket, connect, bind, listen, accept, and
// io_uring, whose operations reach sockets without those calls), exec,
// ptrace (except in the sanitizer builds, whose leak check needs it),
// process_vm_*, pidfd_getfd, mount, namespaces, chroot, modules, kexec, bpf
// and perf_event_open. It is a blocklist; a worker's plugin is mapped
// (its constructors run) only under the load sandbox's allowlist on top
// (load_sandbox.h). Every worker inherits it beneath its own filter (the
// stricter answer wins: a worker's forbidden call still ends it with SIGSYS).
// INTERNAL if a step fails; the process must then exit.
absl::Status EnterForkServerSandbox();

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_SANDBOX_H_
