// The sandbox a plugin worker loads its plugin in. Mapping a library runs
// its code (constructors, and whatever the dynamic loader calls), so a
// plugin file is confined before it is mapped, not only once it is loaded
// (sandbox.h); a malicious plugin file must not read the hub's key file,
// outlive or stop the hub, or take the hub's descriptors. Irreversible, for
// the rest of the process:
//  - every descriptor is closed but the worker's socket; stdin, stdout and
//    stderr point to /dev/null (the hub's log cannot be written to);
//  - Landlock, when the kernel has it (LandlockAbi() > 0): no file may be
//    opened but the plugin's stored copy (read and map as code),
//    /dev/null and the time zone database (read: the SDK loads
//    Europe/Oslo then); nothing made, removed, renamed or truncated; no
//    TCP bind or connect (ABI 4); no signal to a process outside the
//    worker, no abstract unix socket (ABI 6);
//  - a seccomp-bpf allowlist whose default refuses (EPERM): what the
//    dynamic loader, the plugin's SHA-256 check and the worker's own
//    sandbox steps need, and no more. No process or thread may be made
//    (clone, fork), no process but the worker signalled, no other
//    process's limits changed. It sits beneath the fork server's filter
//    (sandbox.h) and above it the worker's own, stricter filter.
//
// The sanitizer builds (kSandboxFiltersPluginLoad false) leave out the
// seccomp allowlist, as their runtimes make threads and trace the process
// on loading a library and at exit (LeakSanitizer), and let /proc be read
// (their reports read /proc/self/maps); the descriptors and Landlock are as
// in production.
//
// Thread-safety: EnterLoadSandbox once, from a single-threaded process;
// LandlockAbi from any thread.
#ifndef ROSA_HUB_PLUGIN_HOST_LOAD_SANDBOX_H_
#define ROSA_HUB_PLUGIN_HOST_LOAD_SANDBOX_H_

#include <filesystem>

#include "absl/status/status.h"

namespace rosa {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSandboxFiltersPluginLoad = false;
#else
inline constexpr bool kSandboxFiltersPluginLoad = true;
#endif

// The Landlock ABI version the kernel offers; 0 if it has none (a kernel
// before 5.13, or one booted without the Landlock LSM): plugins then load
// without file-system confinement, and the hub says so at start.
int LandlockAbi();

// Enters the load sandbox, keeping only descriptor `keep_fd` (3 or more)
// besides the standard three; `plugin_copy` is the only file the process
// may open afterwards, besides /dev/null and the time zone database. INTERNAL
// if a step fails; the process must then exit, as it may be half-sandboxed.
// REQUIRES: what the worker needs before its plugin (OpenSSL, the
// descriptor fingerprint) is initialised: after this no configuration file
// can be read.
absl::Status EnterLoadSandbox(int keep_fd,
                              const std::filesystem::path& plugin_copy);

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_LOAD_SANDBOX_H_
