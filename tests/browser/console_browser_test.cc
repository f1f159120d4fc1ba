// Launches the web console's browser tests: the real rosa-hub process with
// the console on a free port and its own data directory, users enrolled
// through the real `rosa-hub users add`, the figures and referrals the flows
// start from put in over mutual-TLS gRPC, and then the node script
// (tests/browser/console_test.js) that drives Debian's chromium headless
// over the DevTools protocol. The script reads what it needs from a fixture
// file this launcher writes; it saves a screenshot of every page it visits
// under ROSA_BROWSER_ARTEFACTS.
//
// Thread-compatible: one GoogleTest thread.
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "rosa/hub/v1/handoff_service.grpc.pb.h"
#include "rosa/hub/v1/placement_service.grpc.pb.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_process.h"
#include "tests/integration/partner_channel.h"

namespace rosa::integration {
namespace {

namespace v1 = ::rosa::hub::v1;

// A TCP port on 127.0.0.1 the kernel had free a moment ago. The console
// takes a fixed port, so the launcher asks the kernel for one and releases
// it just before the hub binds it.
int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `rosa-hub users add` for `partner`/`name` on the hub's data
// directory and returns the one-time enrolment link it prints (the last
// line of its output starting with https://).
std::string Enrol(const HubProcess& hub, const std::string& console_url,
                  const std::string& partner, const std::string& name) {
  const std::filesystem::path out =
      hub.data_dir() / absl::StrCat("users-add-", partner, ".out");
  absl::Status status =
      RunHubCommand({"users", "add", "--data-dir", hub.data_dir().string(),
                     "--partners", TestPartnersFile().string(), "--console-url",
                     console_url, "--partner", partner, "--name", name},
                    out);
  EXPECT_TRUE(status.ok()) << status;
  std::string link;
  std::istringstream lines(ReadFile(out));
  for (std::string line; std::getline(lines, line);) {
    const size_t at = line.find("https://");
    if (at != std::string::npos) link = line.substr(at);
  }
  EXPECT_FALSE(link.empty()) << "no enrolment link in: " << ReadFile(out);
  return link;
}

v1::UnitCapacity Unit(const std::string& facility, const std::string& name,
                      uint32_t free) {
  v1::UnitCapacity u;
  u.set_facility_id(facility);
  u.set_unit(name);
  u.set_type(v1::UNIT_TYPE_ACUTE);
  u.set_capacity(8);
  u.set_free(free);
  u.set_admits(v1::ADMITTED_GENDERS_WOMEN);
  const absl::Time now = absl::Now();
  u.mutable_as_of()->set_seconds(absl::ToUnixSeconds(now));
  return u;
}

// ks-oslo reports its free places over gRPC, as its own system would, so
// that the console's board and FindPlaces have a place to offer.
void ReportPlaces(const HubProcess& hub) {
  auto stub = v1::PlacementService::NewStub(
      PartnerChannel(hub.port(), hub.pki_dir(), "ks-oslo"));
  v1::ReportCapacityRequest request;
  request.set_idempotency_key(NewIdempotencyKey("capacity"));
  *request.add_units() = Unit("ks-oslo", "Akutt", 3);
  v1::ReportCapacityResponse response;
  grpc::Status status =
      stub->ReportCapacity(ContextWithDeadline().get(), request, &response);
  ASSERT_TRUE(status.ok()) << StatusText(status);
}

// ROSA refers a man to Safe House Filemon: a referral ks-oslo may not see.
std::string FilemonReferral(const HubProcess& hub) {
  PartnerClient rosa(PartnerChannel(hub.port(), hub.pki_dir(), "rosa"));
  v1::SubmitReferralResponse response;
  grpc::Status status = rosa.Submit(NewReferralRequest("filemon"), &response);
  EXPECT_TRUE(status.ok()) << StatusText(status);
  return response.referral().id();
}

// ROSA hands a person over to advokat-lund (with the consent that needs),
// who accepts and records an hour: the lawyers page has a ledger to show.
// Returns the handoff's id.
std::string LawyerHandoff(const HubProcess& hub) {
  PartnerClient rosa(PartnerChannel(hub.port(), hub.pki_dir(), "rosa"));
  std::string person_id;
  grpc::Status status = rosa.RegisterPersonWithConsent(
      "advokat-lund", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING, &person_id);
  EXPECT_TRUE(status.ok()) << StatusText(status);
  auto rosa_handoffs = v1::HandoffService::NewStub(rosa.channel());
  v1::CreateHandoffRequest create;
  create.set_idempotency_key(NewIdempotencyKey("handoff"));
  create.set_lawyer("advokat-lund");
  create.set_person_id(person_id);
  create.set_case_summary("Needs advice on residence.");
  create.set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
  create.add_purposes(v1::COUNSELLING_PURPOSE_RESIDENCE_GROUNDS);
  v1::Handoff handoff;
  status = rosa_handoffs->CreateHandoff(ContextWithDeadline().get(), create,
                                        &handoff);
  EXPECT_TRUE(status.ok()) << StatusText(status);
  auto lawyer = v1::HandoffService::NewStub(
      PartnerChannel(hub.port(), hub.pki_dir(), "advokat-lund"));
  for (int quarter_hours : {0, 4}) {
    v1::RecordHandoffEventRequest event;
    event.set_idempotency_key(NewIdempotencyKey("event"));
    event.set_handoff_id(handoff.id());
    if (quarter_hours == 0) {
      event.mutable_event()->mutable_accepted();
    } else {
      event.mutable_event()->mutable_hours_used()->set_quarter_hours(
          quarter_hours);
    }
    v1::Handoff ignored;
    status = lawyer->RecordHandoffEvent(ContextWithDeadline().get(), event,
                                        &ignored);
    EXPECT_TRUE(status.ok()) << StatusText(status);
  }
  return handoff.id();
}

// Runs the node script on `fixture` and returns its wait status.
int RunNode(const std::filesystem::path& fixture) {
  const std::string command = absl::StrCat(
      "NODE_PATH='", ROSA_BROWSER_NODE_MODULES, "' node '",
      ROSA_BROWSER_SCRIPT_DIR, "/console_test.js' '", fixture.string(), "'");
  return std::system(command.c_str());
}

TEST(ConsoleBrowserTest, PagesFlowsAndSecurityInChromium) {
  const int console_port = FreePort();
  ASSERT_GT(console_port, 0);
  HubOptions options;
  options.extra_args = {"--console-listen",
                        absl::StrCat("127.0.0.1:", console_port)};
  auto hub = HubProcess::Start(options);
  ASSERT_TRUE(hub.ok()) << hub.status();

  ReportPlaces(**hub);
  const std::string url = absl::StrCat("https://127.0.0.1:", console_port);
  nlohmann::json fixture = {
      {"console_url", url},
      {"server_cert", ((*hub)->pki_dir() / "hub.pem").string()},
      {"artefacts", ROSA_BROWSER_ARTEFACTS},
      {"filemon_referral", FilemonReferral(**hub)},
      {"handoff", LawyerHandoff(**hub)},
      {"rosa_link", Enrol(**hub, url, "rosa", "rita")},
      {"oslo_link", Enrol(**hub, url, "ks-oslo", "kari")},
  };
  ASSERT_FALSE(HasFailure());
  const std::filesystem::path fixture_file =
      (*hub)->data_dir() / "browser-fixture.json";
  std::ofstream(fixture_file) << fixture.dump(2);

  const int status = RunNode(fixture_file);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "the browser test failed (its output is above); screenshots are in "
      << ROSA_BROWSER_ARTEFACTS;
  if (HasFailure()) (*hub)->PrintLog();
}

}  // namespace
}  // namespace rosa::integration
