#include "hub/plugin_host/load_sandbox.h"

#include <fcntl.h>
#include <link.h>
#include <linux/landlock.h>
#include <seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "hub/plugin_host/sandbox.h"

namespace rosa {
namespace {

absl::Status Failed(const char* step, int err) {
  return absl::ErrnoToStatus(err, absl::StrCat("plugin load sandbox: ", step));
}

// Landlock's ruleset, as the newest kernel headers define it; the kernel is
// given only the fields its ABI knows (RulesetSize). Debian 12's headers
// stop at ABI 1's field.
struct RulesetAttr {
  uint64_t handled_access_fs;
  uint64_t handled_access_net;  // ABI 4.
  uint64_t scoped;              // ABI 6.
};

size_t RulesetSize(int abi) {
  if (abi >= 6) return sizeof(RulesetAttr);
  if (abi >= 4) return offsetof(RulesetAttr, scoped);
  return offsetof(RulesetAttr, handled_access_net);
}

// Every file-system right of an ABI: refused unless a rule grants it.
uint64_t FsRights(int abi) {
  if (abi >= 5) return (uint64_t{1} << 16) - 1;  // IOCTL_DEV.
  if (abi >= 3) return (uint64_t{1} << 15) - 1;  // TRUNCATE.
  if (abi >= 2) return (uint64_t{1} << 14) - 1;  // REFER.
  return (uint64_t{1} << 13) - 1;
}

constexpr uint64_t kExecute = uint64_t{1} << 0;       // ..._FS_EXECUTE
constexpr uint64_t kWriteFile = uint64_t{1} << 1;     // ..._FS_WRITE_FILE
constexpr uint64_t kReadFile = uint64_t{1} << 2;      // ..._FS_READ_FILE
constexpr uint64_t kReadDir = uint64_t{1} << 3;       // ..._FS_READ_DIR
constexpr uint64_t kNetTcp = (uint64_t{1} << 2) - 1;  // BIND_TCP, CONNECT_TCP
constexpr uint64_t kScopeUnixAndSignal = (uint64_t{1} << 2) - 1;

constexpr char kZoneInfo[] = "/usr/share/zoneinfo";

// Grants `rights` on the file or folder at `path` (and beneath a folder).
absl::Status Allow(int ruleset, const char* path, uint64_t rights) {
  const int fd = open(path, O_PATH | O_CLOEXEC);
  if (fd < 0) return Failed("open a path for Landlock", errno);
  struct landlock_path_beneath_attr beneath = {};
  beneath.allowed_access = rights;
  beneath.parent_fd = fd;
  const long rc = syscall(SYS_landlock_add_rule, ruleset,
                          LANDLOCK_RULE_PATH_BENEATH, &beneath, 0);
  const int err = errno;
  close(fd);
  if (rc != 0) return Failed("landlock_add_rule", err);
  return absl::OkStatus();
}

int AddFolder(struct dl_phdr_info* info, size_t, void* data) {
  const std::string_view name =
      info->dlpi_name != nullptr ? info->dlpi_name : "";
  const size_t slash = name.rfind('/');
  if (slash != std::string_view::npos && slash > 0) {
    static_cast<std::set<std::string>*>(data)->emplace(name.substr(0, slash));
  }
  return 0;
}

std::set<std::string> LibraryFolders() {
  std::set<std::string> folders = {"/etc/ld.so.cache", "/lib",
                                   "/lib64",           "/usr/lib",
                                   "/usr/lib64",       "/usr/local/lib"};
  dl_iterate_phdr(&AddFolder, &folders);
  return folders;
}

absl::Status RestrictFiles(const std::filesystem::path& plugin_copy) {
  const int abi = LandlockAbi();
  if (abi <= 0) return absl::OkStatus();  // The hub logs it (LandlockAbi).
  RulesetAttr attr = {};
  attr.handled_access_fs = FsRights(abi);
  attr.handled_access_net = kNetTcp;
  attr.scoped = kScopeUnixAndSignal;
  const int ruleset = static_cast<int>(
      syscall(SYS_landlock_create_ruleset, &attr, RulesetSize(abi), 0));
  if (ruleset < 0) return Failed("landlock_create_ruleset", errno);
  absl::Status s = Allow(ruleset, plugin_copy.c_str(), kReadFile | kExecute);
  // The worker's own sandbox points stdin and stdout at it again.
  if (s.ok()) s = Allow(ruleset, "/dev/null", kReadFile | kWriteFile);
  // The shared libraries a plugin links (libxml2 for IOM's, say) that the
  // worker has not loaded: the system's folders and those of the libraries
  // loaded already (the hub's own).
  for (const std::string& folder : LibraryFolders()) {
    if (!s.ok()) break;
    if (access(folder.c_str(), F_OK) == 0) {
      s = Allow(ruleset, folder.c_str(), kReadFile | kExecute);
    }
  }
  // The time zone database: the SDK loads Europe/Oslo before the worker's
  // sandbox (plugins/sdk/sandbox_ready.h). Public data; a system without
  // it gives the plugins UTC as before.
  if (s.ok() && access(kZoneInfo, F_OK) == 0) {
    s = Allow(ruleset, kZoneInfo, kReadFile | kReadDir);
  }
  if (s.ok() && !kSandboxFiltersPluginLoad) {
    s = Allow(ruleset, "/proc", kReadFile | kReadDir);
  }
  if (s.ok() && syscall(SYS_landlock_restrict_self, ruleset, 0) != 0) {
    s = Failed("landlock_restrict_self", errno);
  }
  close(ruleset);
  return s;
}

// What loading a plugin needs besides what the worker's filter allows
// (WorkerSystemCalls): the dynamic loader (open, map as code, protect),
// the owner check and SHA-256 of the copy, and the worker's own sandbox
// steps after it (sandbox.cc: descriptors, limits, prctl, its filter).
constexpr int kLoadSystemCalls[] = {
    SCMP_SYS(pread64), SCMP_SYS(openat),  SCMP_SYS(close_range),
    SCMP_SYS(dup2),    SCMP_SYS(dup3),    SCMP_SYS(fcntl),
    SCMP_SYS(lseek),   SCMP_SYS(fstat),   SCMP_SYS(newfstatat),
    SCMP_SYS(statx),   SCMP_SYS(mmap),    SCMP_SYS(mprotect),
    SCMP_SYS(getppid), SCMP_SYS(getuid),  SCMP_SYS(geteuid),
    SCMP_SYS(getgid),  SCMP_SYS(getegid), SCMP_SYS(prctl),
    SCMP_SYS(seccomp),
};

absl::Status InstallLoadFilter() {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
  if (ctx == nullptr) {
    return absl::InternalError("plugin load sandbox: seccomp_init");
  }
  int rc = 0;
  for (int call : WorkerSystemCalls()) {
    if (rc == 0) rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, call, 0);
  }
  for (int call : kLoadSystemCalls) {
    if (rc == 0) rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, call, 0);
  }
  const auto self = static_cast<scmp_datum_t>(getpid());
  // abort() and raise() signal the worker itself; nothing else may be.
  if (rc == 0) {
    rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
                          SCMP_A0(SCMP_CMP_EQ, self));
  }
  if (rc == 0) {
    rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(kill), 1,
                          SCMP_A0(SCMP_CMP_EQ, self));
  }
  // setrlimit is prlimit64 on the calling process (pid 0): the worker's
  // own limits only, never the hub's.
  if (rc == 0) {
    rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 1,
                          SCMP_A0(SCMP_CMP_EQ, 0));
  }
  if (rc == 0) rc = seccomp_load(ctx);
  seccomp_release(ctx);
  if (rc != 0) return Failed("seccomp", -rc);
  return absl::OkStatus();
}

}  // namespace

int LandlockAbi() {
  const long abi = syscall(SYS_landlock_create_ruleset, nullptr, 0,
                           LANDLOCK_CREATE_RULESET_VERSION);
  return abi > 0 ? static_cast<int>(abi) : 0;
}

absl::Status EnterLoadSandbox(int keep_fd,
                              const std::filesystem::path& plugin_copy) {
  if (keep_fd < 3) {
    return absl::InvalidArgumentError(
        "plugin load sandbox: the socket must not be a standard descriptor");
  }
  if (absl::Status s = KeepOnlyDescriptor(keep_fd); !s.ok()) return s;
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    return Failed("PR_SET_NO_NEW_PRIVS", errno);
  }
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    return Failed("PR_SET_DUMPABLE", errno);
  }
  if (absl::Status s = RestrictFiles(plugin_copy); !s.ok()) return s;
  if (!kSandboxFiltersPluginLoad) return absl::OkStatus();
  return InstallLoadFilter();
}

}  // namespace rosa
