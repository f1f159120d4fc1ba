// `rosa-hub client ingest` and `rosa-hub client subscribe` against the real
// hub process, as a partner's IT staff would run them: the partner's
// certificate from the development PKI, a file in the partner's format,
// each record's outcome printed; and the partner's events printed as its
// plugin encodes them.
#include <stdio.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_test.h"

namespace rosa::integration {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;
using ::testing::Not;

struct ToolRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr.
};

class ClientCommandTest : public HubTest {
 protected:
  // Runs `rosa-hub client <command> --hub ... --pki-dir ... <args>`.
  ToolRun Tool(const std::string& command,
               const std::vector<std::string>& args) {
    std::vector<std::string> words = {HubBinary().string(),
                                      "client",
                                      command,
                                      "--hub",
                                      hub().address(),
                                      "--pki-dir",
                                      hub().pki_dir().string()};
    words.insert(words.end(), args.begin(), args.end());
    std::string line;
    for (const std::string& w : words) absl::StrAppend(&line, "'", w, "' ");
    absl::StrAppend(&line, "2>&1");
    ToolRun run;
    FILE* pipe = popen(line.c_str(), "r");
    if (pipe == nullptr) return run;
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) {
      run.output.append(buffer, n);
    }
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
  }

  std::string WriteFile(const std::string& name, const std::string& content) {
    const std::filesystem::path path = hub().data_dir() / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

  static std::string Now() {
    return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez",
                            absl::Now() - absl::Minutes(1),
                            absl::UTCTimeZone());
  }
};

TEST_F(ClientCommandTest, IngestPrintsEachRecordsOutcome) {
  const std::string capacity = WriteFile(
      "capacity.json",
      absl::StrCat("{\"schema\":\"filemon/1\",\"kind\":\"capacity\",\"at\":\"",
                   Now(), "\",\"beds\":{\"total\":8,\"free\":3}}"));
  // Filemon's plugin reads one content type: no --content-type needed.
  ToolRun first = Tool("ingest", {"--partner", "filemon", "--file", capacity});
  EXPECT_EQ(first.exit_code, 0) << first.output;
  EXPECT_THAT(first.output, HasSubstr("item 1: APPLIED"));

  // Sent again: applied before.
  ToolRun again =
      Tool("ingest", {"--partner", "filemon", "--file", capacity,
                      "--content-type", "application/vnd.filemon.v1+json"});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_THAT(again.output, HasSubstr("item 1: UNCHANGED"));

  // Refused: the record, the field, the reason; never the value.
  const std::string bad = WriteFile(
      "bad.json",
      absl::StrCat("{\"schema\":\"filemon/1\",\"kind\":\"intake_status\","
                   "\"referral\":\"R-2026-000001\",\"status\":\"teleported\","
                   "\"at\":\"",
                   Now(), "\"}"));
  ToolRun refused = Tool("ingest", {"--partner", "filemon", "--file", bad});
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_THAT(refused.output, HasSubstr("item 1: REJECTED: status"));
  EXPECT_THAT(refused.output, Not(HasSubstr("teleported")));

  // KS reads three profiles: the hub names them when none is given.
  const std::string csv =
      WriteFile("plasser.csv", "senter;enhet;plasstype;kapasitet;ledige\n");
  ToolRun unnamed = Tool("ingest", {"--partner", "ks-oslo", "--file", csv});
  EXPECT_EQ(unnamed.exit_code, 1) << unnamed.output;
  EXPECT_THAT(unnamed.output, HasSubstr("profile=ks-plasser-1"));
}

TEST_F(ClientCommandTest, SubscribePrintsEncodedEvents) {
  PartnerClient rosa = Client("rosa");
  v1::SubmitReferralResponse submitted;
  ASSERT_TRUE(rosa.Submit(NewReferralRequest("filemon"), &submitted).ok());
  const std::string id = submitted.referral().id();

  ToolRun run = Tool("subscribe",
                     {"--partner", "filemon", "--count", "1", "--for", "20s"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("--- cursor "));
  EXPECT_THAT(run.output, HasSubstr("application/vnd.filemon.v1+json"));
  EXPECT_THAT(run.output, HasSubstr(id));
  EXPECT_THAT(run.output, HasSubstr("\"placement_request\""));

  // Another partner's certificate sees nothing of Filemon's stream.
  ToolRun other = Tool("subscribe", {"--partner", "ks-oslo", "--for", "2s"});
  EXPECT_EQ(other.exit_code, 0) << other.output;
  EXPECT_THAT(other.output, Not(HasSubstr(id)));
}

}  // namespace
}  // namespace rosa::integration
