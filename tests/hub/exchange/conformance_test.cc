// The plugin conformance suite: every plugin over every good-* and bad-*
// sample of its format, one test per sample, found by listing the sample
// folders (testutil::PartnerSamplesDir()/<format>/) of the formats in Formats()
// (ingest_fixture.h: format folder -> sending partner, whose registry entry
// names the plugin). A new plugin gets the suite by adding its samples, its
// line in Formats() and its content type in ContentType().
//
//  - good-*: the real plugin decodes it with no error and at least one
//    command, each naming its record;
//  - bad-*: refused through the ingest desk in the samples README's state,
//    by the plugin or by the core, naming record, field or reason, with
//    nothing applied, none of the payload's free text in the answer, and
//    nothing changed (IngestDeskTest::ExpectRejected).
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/hub/exchange/ingest_fixture.h"

namespace rosa {
namespace ingest_test {
namespace {

namespace pv1 = rosa::plugin::v1;

struct Sample {
  std::string format;
  std::string name;
};

std::vector<Sample> AllSamples() {
  std::vector<Sample> all;
  for (const Format& f : Formats()) {
    for (const char* prefix : {"good-", "bad-"}) {
      for (std::string& name : SampleNames(f.dir, prefix)) {
        all.push_back(Sample{f.dir, std::move(name)});
      }
    }
  }
  return all;
}

std::string TestName(const ::testing::TestParamInfo<Sample>& info) {
  std::string name = absl::StrCat(info.param.format, "_", info.param.name);
  for (char& c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class ConformanceTest : public IngestDeskTest,
                        public ::testing::WithParamInterface<Sample> {};

TEST_P(ConformanceTest, SampleIsDecodedOrRefusedAsItsNameSays) {
  const Sample& s = GetParam();
  if (absl::StartsWith(s.name, "bad-")) {
    ExpectRejected(s.format, s.name);
    return;
  }
  const Partner& sender = P(SenderOf(s.format));
  std::shared_ptr<const LoadedPlugin> plugin = plugins_->Find(sender.plugin);
  ASSERT_NE(plugin, nullptr) << sender.plugin;
  pv1::DecodeRequest request;
  request.set_payload(Payload(s.format, s.name));
  request.set_content_type(ContentType(s.format, s.name, request.payload()));
  request.mutable_sender()->set_partner_id(sender.id);
  request.mutable_sender()->set_kind(sender.kind);
  auto decoded = plugin->Decode(request);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  for (const pv1::RecordError& e : decoded->errors()) {
    ADD_FAILURE() << e.record() << ": " << e.field() << ": " << e.reason();
  }
  EXPECT_GT(decoded->commands_size(), 0);
  for (const pv1::HubCommand& c : decoded->commands()) {
    EXPECT_NE(c.command_case(), pv1::HubCommand::COMMAND_NOT_SET);
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, ConformanceTest,
                         ::testing::ValuesIn(AllSamples()), TestName);

}  // namespace
}  // namespace ingest_test
}  // namespace rosa
