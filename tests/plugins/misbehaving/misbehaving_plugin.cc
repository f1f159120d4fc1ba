// A plugin that misbehaves on purpose, built only for the tests of plugin
// isolation (never installed with the partner plugins). It uses the real
// SDK and ABI. Its decode reads the payload as a command:
//   "segv"     writes into the first page, never mapped (SIGSEGV);
//   "loop"     spins for ever;
//   "alloc"    allocates and touches memory without bound;
//   "open"     opens /etc/passwd;
//   "connect"  makes a TCP socket and connects it to 127.0.0.1:9;
//   "abort"    calls abort();
//   anything else decodes to one harmless status update, as a well-behaved
//   plugin would.
// Loaded into a process it would take the process down: only workers may
// ever run it.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "plugins/sdk/plugin.h"

namespace {

namespace pv1 = rosa::plugin::v1;

// Keeps the optimiser from dropping what the misbehaviours do.
volatile int sink = 0;

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
    Misbehave(r.payload());
    pv1::DecodeResponse response;
    pv1::HubCommand* c = response.add_commands();
    c->set_record("line 1");
    c->mutable_update_referral_status()->set_referral_id(r.payload());
    return response;
  }
  pv1::EncodeResponse Encode(const pv1::EncodeRequest&) const override {
    return pv1::EncodeResponse();
  }
};

}  // namespace

ROSA_PLUGIN(MisbehavingPlugin)
