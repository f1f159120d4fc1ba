// A plugin that misbehaves on purpose, built only for the tests of plugin
// isolation (never installed with the partner plugins). It uses the real
// SDK and ABI. Its decode reads the payload as a command:
//   "segv"     writes into the first page, never mapped (SIGSEGV);
//   "loop"     spins for ever;
//   "alloc"    allocates and touches memory without bound;
//   "open"     opens /etc/passwd;
//   "connect"  makes a TCP socket and connects it to 127.0.0.1:9;
//   "abort"    calls abort();
//   "double"   writes an answer frame of its own to its socket (descriptor
//              3), for the request it is on, before the worker's answer:
//              an answer out of turn, with referral "forged";
//   "wrongid"  the same with a request id no request had;
//   "bomb"     answers, for the request it is on, a frame of 12 MiB: six
//              million empty commands;
//   "fail"     answers, for the request it is on, a failure frame of its
//              own: PERMISSION_DENIED and a text of its choosing;
//   "spin"     answers, for the request it is on, with a frame of its own,
//              then spins for ever (while the hub thinks it idle);
//   "die"      answers so, then exits (dies while idle);
//   "pid"      decodes to one status update whose referral is the worker's
//              pid (so a test sees which worker served it);
//   "loaded"   decodes to one status update whose referral says what the
//              plugin's constructor could do as the worker mapped it (as a
//              malicious plugin file's would): open /etc/passwd, fork,
//              signal and read the limits of the worker's parent; each
//              "ok" or the errno's name, as "open=EACCES fork=EPERM ...";
//   anything else decodes to one harmless status update, as a well-behaved
//   plugin would.
// Its encode answers one payload holding the worker's pid.
// Loaded into a process it would take the process down: only workers may
// ever run it.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "plugins/sdk/plugin.h"

namespace {

namespace pv1 = rosa::plugin::v1;

// Keeps the optimiser from dropping what the misbehaviours do.
volatile int sink = 0;

// The worker's socket (hub/plugin_host/worker_main.h).
constexpr int kSocketFd = 3;

// Requests this worker was given: the hub numbers them 1, 2, ...
uint32_t calls = 0;

// Writes one frame of `kind` (4 answer, 5 failure) with status `code`
// carrying `body` for request `id`, in the worker wire's layout
// (hub/plugin_host/worker_wire.h): body length (4 bytes, big-endian),
// kind, status code, flags, a zero byte, the request id (4 bytes,
// big-endian).
void WriteFrame(char kind, char code, const std::string& body, uint32_t id) {
  const auto n = static_cast<uint32_t>(body.size());
  std::string frame = {static_cast<char>(n >> 24),
                       static_cast<char>(n >> 16),
                       static_cast<char>(n >> 8),
                       static_cast<char>(n),
                       kind,
                       code,
                       0,
                       0,
                       static_cast<char>(id >> 24),
                       static_cast<char>(id >> 16),
                       static_cast<char>(id >> 8),
                       static_cast<char>(id)};
  frame += body;
  sink = static_cast<int>(write(kSocketFd, frame.data(), frame.size()));
}

void WriteAnswerFrame(const std::string& body, uint32_t id) {
  WriteFrame(4, 0, body, id);
}

// What ProbeAtLoad saw (see "loaded" above).
const std::string* seen_at_load = nullptr;

std::string Outcome(long rc) { return rc >= 0 ? "ok" : strerrorname_np(errno); }

// Runs as the library is mapped, before the plugin is ever called.
__attribute__((constructor)) void ProbeAtLoad() {
  std::string seen = "open=";
  const int fd = open("/etc/passwd", O_RDONLY | O_CLOEXEC);
  seen += Outcome(fd);
  if (fd >= 0) close(fd);
  const pid_t child = fork();
  if (child == 0) _exit(0);
  seen += " fork=" + Outcome(child);
  if (child > 0) waitpid(child, nullptr, 0);
  seen += " kill=" + Outcome(kill(getppid(), 0));
  struct rlimit limit {};
  seen +=
      " limit=" + Outcome(prlimit(getppid(), RLIMIT_NOFILE, nullptr, &limit));
  seen_at_load = new std::string(seen);
}

pv1::DecodeResponse Update(const std::string& referral_id) {
  pv1::DecodeResponse response;
  pv1::HubCommand* c = response.add_commands();
  c->set_record("line 1");
  c->mutable_update_referral_status()->set_referral_id(referral_id);
  return response;
}

void Misbehave(const std::string& what) {
  if (what == "segv") {
    // Not through nullptr itself: UBSan would stop that write before it
    // faults, and the sanitizer builds test the fault.
    volatile uintptr_t first_page = 16;
    *reinterpret_cast<volatile int*>(first_page) = 1;
  } else if (what == "loop") {
    while (true) sink = sink + 1;
  } else if (what == "alloc") {
    std::vector<std::unique_ptr<char[]>> hoard;
    while (true) {
      hoard.emplace_back(new char[16 << 20]);
      std::memset(hoard.back().get(), 1, 16 << 20);
    }
  } else if (what == "open") {
    sink = open("/etc/passwd", O_RDONLY);
  } else if (what == "connect") {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(9);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sink = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  } else if (what == "abort") {
    std::abort();
  } else if (what == "double") {
    WriteAnswerFrame(Update("forged").SerializeAsString(), calls);
  } else if (what == "bomb") {
    std::string empty_commands;
    for (int i = 0; i < (6 << 20); ++i) empty_commands.append("\x0a\x00", 2);
    WriteAnswerFrame(empty_commands, calls);
  } else if (what == "fail") {
    // PERMISSION_DENIED (7), and words of its own choosing.
    WriteFrame(5, 7, "partner ks-x sent [secret street 1]\n[error] forged",
               calls);
  } else if (what == "spin" || what == "die") {
    WriteAnswerFrame(Update(what).SerializeAsString(), calls);
    if (what == "die") _exit(3);
    while (true) sink = sink + 1;
  } else if (what == "wrongid") {
    WriteAnswerFrame(Update("forged").SerializeAsString(), 0);
  }
}

class MisbehavingPlugin : public rosa::plugin::Plugin {
 public:
  pv1::PluginManifest Manifest() const override {
    pv1::PluginManifest m;
    m.set_name("misbehaving");
    m.set_version("1.0.0");
    m.add_decodes("text/plain; profile=misbehaving-1");
    m.add_serves(rosa::hub::v1::PARTNER_KIND_SHELTER);
    return m;
  }
  pv1::DecodeResponse Decode(const pv1::DecodeRequest& r) const override {
    ++calls;
    Misbehave(r.payload());
    if (r.payload() == "loaded") return Update(*seen_at_load);
    return Update(r.payload() == "pid" ? std::to_string(getpid())
                                       : r.payload());
  }
  pv1::EncodeResponse Encode(const pv1::EncodeRequest&) const override {
    ++calls;
    pv1::EncodeResponse response;
    response.add_payloads()->set_payload(std::to_string(getpid()));
    return response;
  }
};

}  // namespace

ROSA_PLUGIN(MisbehavingPlugin)
