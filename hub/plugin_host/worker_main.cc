#include "hub/plugin_host/worker_main.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>

#include "common/sha256.h"
#include "hub/plugin_host/load_sandbox.h"
#include "hub/plugin_host/plugin_library.h"
#include "hub/plugin_host/sandbox.h"
#include "hub/plugin_host/worker_wire.h"

namespace rosa {
namespace {

double CpuSeconds() {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec / 1e9;
}

}  // namespace

bool IsSocketFromParent(int fd) {
  if (fd < 3) return false;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) return false;
  int domain = 0;
  socklen_t len = sizeof(domain);
  if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) != 0 ||
      domain != AF_UNIX) {
    return false;
  }
  struct ucred peer;
  len = sizeof(peer);
  return getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &len) == 0 &&
         peer.pid == getppid();
}

int RunPluginWorker(const WorkerArgs& args) {
  if (!IsSocketFromParent(args.socket_fd)) {
    std::fprintf(stderr,
                 "rosa-hub plugin-worker: started by the hub only (no socket "
                 "from the parent at --socket-fd)\n");
    return 2;
  }
  const int fd = args.socket_fd;
  // Dies with the hub even while stuck in a plugin.
  prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  if (!IsSocketFromParent(fd)) return 2;  // The parent died meanwhile.

  // What the worker needs before its plugin, while files can still be
  // read (a forked worker has both from the fork server already).
  (void)Sha256Hex("");
  PluginLibrary::Prepare();
  if (absl::Status s = EnterLoadSandbox(fd, args.plugin.copy); !s.ok()) {
    (void)WriteFrame(fd, FailureFrame(s), absl::InfiniteFuture());
    return 1;
  }
  auto library = PluginLibrary::Open(args.plugin);
  if (!library.ok()) {
    (void)WriteFrame(fd, FailureFrame(library.status()),
                     absl::InfiniteFuture());
    return 1;
  }
  Frame hello;
  hello.kind = FrameKind::kManifest;
  hello.body = (*library)->manifest().SerializeAsString();

  SandboxLimits limits;
  limits.address_space_bytes = args.memory_mib << 20;
  limits.cpu_seconds = args.cpu_seconds;
  if (absl::Status s = EnterSandbox(fd, limits); !s.ok()) {
    (void)WriteFrame(fd, FailureFrame(s), absl::InfiniteFuture());
    return 1;
  }
  if (!WriteFrame(fd, hello, absl::InfiniteFuture()).ok()) return 0;

  // From here on only what the filter allows.
  while (true) {
    absl::StatusOr<Frame> request = ReadFrame(fd, absl::InfiniteFuture());
    if (!request.ok()) return 0;  // The hub closed the socket.
    if (request->kind != FrameKind::kDecode &&
        request->kind != FrameKind::kEncode) {
      return 1;
    }
    const PluginCall call = request->kind == FrameKind::kDecode
                                ? PluginCall::kDecode
                                : PluginCall::kEncode;
    absl::StatusOr<std::string> answer =
        (*library)->Run(call, request->body, "", "");
    request->body.clear();
    Frame reply;
    if (answer.ok()) {
      reply.kind = FrameKind::kAnswer;
      reply.body = *std::move(answer);
    } else {
      reply = FailureFrame(answer.status());
    }
    reply.id = request->id;
    const bool retire = CpuSeconds() > args.cpu_seconds / 2.0;
    if (retire) reply.flags |= kFrameRetire;
    if (!WriteFrame(fd, reply, absl::InfiniteFuture()).ok() || retire) {
      return 0;
    }
  }
}

}  // namespace rosa
