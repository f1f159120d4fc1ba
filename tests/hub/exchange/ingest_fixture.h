// The fixture of the ingest desk tests (ingest_*_test.cc), on the shared
// kit's whole core path (tests/testutil/hub_desks.h): the real plugin
// libraries loaded by the plugin host, the referral, handoff, placement and
// inquiry desks built as the hub server builds them on a real SQLite store,
// and the state the partner-format samples README describes
// (referrals, a returnee and a client with consents, three handoffs).
//
// Thread-safety: a test's own thread; the desks call back on store threads.
#ifndef ROSA_TESTS_HUB_EXCHANGE_INGEST_FIXTURE_H_
#define ROSA_TESTS_HUB_EXCHANGE_INGEST_FIXTURE_H_

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/common/error_details.h"
#include "hub/common/status_macros.h"
#include "tests/testutil/hub_desks.h"
#include "tests/testutil/partner_samples.h"

namespace rosa {

namespace ingest_test {

namespace v1 = rosa::hub::v1;
namespace fs = std::filesystem;
using ::testing::ContainsRegex;

inline absl::Time Oslo(int y, int m, int d, int h, int min) {
  absl::TimeZone oslo;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Oslo", &oslo));
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, min, 0), oslo);
}

using testutil::Await;

struct Format {
  std::string dir;
  std::string sender;
};
inline const std::vector<Format>& Formats() {
  static const auto* formats =
      new std::vector<Format>{{"ks-csv", "ks-oslo"},
                              {"filemon", "filemon"},
                              {"lauras-skjema", "lauras-hus"},
                              {"iom-avrr", "iom"},
                              {"advokat", "advokat-lund"}};
  return *formats;
}

// The free text a payload carries, which no answer may repeat: the pieces
// between the formats' delimiters (CSV, JSON, XML, "key: value" forms)
// that hold a space and are at least 12 characters long, such as notes,
// reasons and names. Field names and tokens are shorter or have no space.
inline std::vector<std::string> FreeText(const std::string& payload) {
  std::vector<std::string> texts;
  for (absl::string_view piece :
       absl::StrSplit(payload, absl::ByAnyChar("\n\r;,:\"<>{}[]=\t"))) {
    piece = absl::StripAsciiWhitespace(piece);
    if (piece.size() >= 12 && absl::StrContains(piece, ' ')) {
      texts.emplace_back(piece);
    }
  }
  return texts;
}

// The content type a sample is sent with.
inline std::string ContentType(const std::string& dir, const std::string& name,
                               const std::string& payload) {
  if (dir == "ks-csv") {
    // By the header row (the bad samples' names do not all say).
    std::string header = payload.substr(0, payload.find('\n'));
    if (absl::StrContains(header, "referanse")) {
      return "text/csv; profile=ks-hendelser-1";
    }
    if (absl::StrContains(header, "hvem_ringer")) {
      return "text/csv; profile=ks-telefonlogg-1";
    }
    EXPECT_TRUE(absl::StrContains(header, "senter")) << name;
    return "text/csv; profile=ks-plasser-1";
  }
  if (dir == "filemon") return "application/vnd.filemon.v1+json";
  if (dir == "lauras-skjema") return "text/plain; profile=lauras-skjema-1";
  if (dir == "iom-avrr") return "application/xml; profile=iom-avrr-1";
  if (dir == "advokat") return "application/vnd.advokat.v1+json";
  ADD_FAILURE() << "unknown format " << dir;
  return "";
}

inline std::string SenderOf(const std::string& dir) {
  for (const Format& f : Formats()) {
    if (f.dir == dir) return f.sender;
  }
  return "";
}

// Everything a payload could change, as comparable text.
struct Snapshot {
  std::map<std::string, std::string> referrals;  // id -> state/version
  std::string availability;
  int inquiries = 0;
  std::map<std::string, std::string> handoffs;  // id -> state/hours/ledger
  bool operator==(const Snapshot&) const = default;
};

inline std::ostream& operator<<(std::ostream& os, const Snapshot& s) {
  for (const auto& [id, r] : s.referrals) os << id << ": " << r << "\n";
  os << "inquiries: " << s.inquiries << "\n";
  for (const auto& [id, h] : s.handoffs) os << id << ": " << h << "\n";
  return os << "availability: " << s.availability << "\n";
}

class IngestDeskTest : public testutil::HubDesks {
 protected:
  IngestDeskTest() { key_prefix_ = "setup-"; }

  void SetUp() override;

  void TearDown() override;
  // The partner registry the desks use: by default the integration tests'
  // registry of the six seed partners.
  virtual absl::StatusOr<PartnerRegistry> LoadRegistry();

  // The README's state, under the ids the hub issues; ids_ maps the
  // samples' example ids to them.
  void MakeState();

  static std::string RefId(int n) { return absl::StrCat("R-2026-000", n); }

  void Refer(int n, const std::string& recipient, v1::ReferralType type,
             v1::Gender gender, const std::string& person = "P-7KQ2M9XA");

  absl::StatusOr<v1::Referral> Update(const std::string& actor,
                                      const std::string& id,
                                      v1::ReferralState target);

  std::string RegisterPerson();

  // The sample with its example ids replaced by the issued ones.
  std::string Payload(const std::string& dir, const std::string& name) {
    std::vector<std::pair<std::string, std::string>> pairs(ids_.begin(),
                                                           ids_.end());
    return absl::StrReplaceAll(testutil::PartnerSample(dir, name), pairs);
  }

  absl::StatusOr<v1::IngestResponse> IngestText(const std::string& sender,
                                                const std::string& type,
                                                const std::string& payload) {
    v1::IngestRequest r;
    r.set_content_type(type);
    r.set_payload(payload);
    return Await<v1::IngestResponse>([&](auto done) {
      ingest_->Ingest(P(sender), r, absl::InfiniteFuture(), done);
    });
  }
  absl::StatusOr<v1::IngestResponse> IngestSample(const std::string& dir,
                                                  const std::string& name) {
    const std::string payload = Payload(dir, name);
    return IngestText(SenderOf(dir), ContentType(dir, name, payload), payload);
  }

  // Applied, one APPLIED outcome per record.
  void ExpectApplied(const std::string& dir, const std::string& name);

  // Refused, naming a record, details (a serialized IngestResponse) saying
  // nothing applied with a rejected record that has a reason, none of the
  // payload's free text in the answer, and nothing of it changed.
  void ExpectRejected(const std::string& dir, const std::string& name);

  v1::Referral Referral(const std::string& example_id) {
    v1::GetReferralRequest r;
    r.set_referral_id(ids_.at(example_id));
    auto got = Await<v1::Referral>(
        [&](auto done) { referrals_->Get(P("rosa"), r, done); });
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? *got : v1::Referral();
  }

  v1::Handoff Handoff(const std::string& id) {
    v1::GetHandoffRequest r;
    r.set_handoff_id(id);
    auto got = Await<v1::Handoff>([&](auto done) {
      handoffs_->Get(P("rosa"), r, absl::InfiniteFuture(), done);
    });
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? *got : v1::Handoff();
  }

  v1::ListAvailabilityResponse Availability() {
    auto got = Await<v1::ListAvailabilityResponse>([&](auto done) {
      placement_->ListAvailability(P("rosa"), v1::ListAvailabilityRequest(),
                                   done);
    });
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? *got : v1::ListAvailabilityResponse();
  }

  // The units a facility reports, by name.
  std::map<std::string, v1::UnitCapacity> Units(const std::string& facility);

  std::vector<v1::HotlineInquiry> Inquiries();

  Snapshot Take();

  std::map<std::string, std::string> ids_;  // Example id -> issued id.
  // The number of the first referral and handoff the hub issues in the
  // fixture's year; set before SetUp (a subclass's constructor).
  int64_t first_yearly_number_ = 1;
};

inline std::vector<std::string> SampleNames(const std::string& dir,
                                            const std::string& prefix) {
  std::vector<std::string> names;
  for (const auto& e :
       fs::directory_iterator(testutil::PartnerSamplesDir() / dir)) {
    const std::string name = e.path().filename().string();
    if (absl::StartsWith(name, prefix)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace ingest_test
}  // namespace rosa

#endif  // ROSA_TESTS_HUB_EXCHANGE_INGEST_FIXTURE_H_
