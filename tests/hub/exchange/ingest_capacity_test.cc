// A crisis centre's plasser file applies as one report per facility: a
// 3 000-row file gives ROSA exactly one availability event per facility
// (not one per row, each with the facility's whole view), and a file that
// would give a facility more units than the cap is refused whole, naming
// the row, with nothing applied. A payload with more records than the
// ingest desk takes in one write is refused before any write.
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tests/hub/exchange/ingest_fixture.h"

namespace rosa {
namespace ingest_test {
namespace {

using ::testing::HasSubstr;

constexpr int kFacilities = 20;
constexpr char kPlasser[] = "text/csv; profile=ks-plasser-1";

std::string FacilityId(int f) { return absl::StrFormat("ks-region-%02d", f); }

class IngestCapacityTest : public IngestDeskTest {
 protected:
  // The seed partners and a regional crisis centre that runs 20 facilities.
  absl::StatusOr<PartnerRegistry> LoadRegistry() override {
    auto seed = IngestDeskTest::LoadRegistry();
    if (!seed.ok()) return seed.status();
    std::vector<Partner> partners;
    for (const Partner* p : seed->All()) partners.push_back(*p);
    Partner region;
    region.id = "ks-region";
    region.display_name = "Regional krisesenter";
    region.kind = v1::PARTNER_KIND_SHELTER;
    region.enabled = true;
    region.plugin = "ks-csv";
    for (int f = 1; f <= kFacilities; ++f) {
      region.facilities.push_back(Facility{
          FacilityId(f), absl::StrCat("Senter ", f), "innlandet", "", true});
    }
    partners.push_back(region);
    return PartnerRegistry::FromPartners(std::move(partners));
  }

  // Plasser rows: units first_unit.. (`units` of them) of each facility.
  static std::string Rows(const std::vector<int>& facilities, int units,
                          int first_unit = 1) {
    std::string rows;
    for (int f : facilities) {
      for (int u = first_unit; u < first_unit + units; ++u) {
        absl::StrAppend(&rows, FacilityId(f), ";Rom ", u,
                        ";akutt;4;2;kvinner;24.12.2026 10:00\n");
      }
    }
    return rows;
  }
  static std::string Plasser(const std::string& rows) {
    return "senter;enhet;plasstype;kapasitet;ledige;kjonn;oppdatert\n" + rows;
  }

  uint64_t LastCursor(const std::string& partner) {
    uint64_t cursor = 0;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) -> absl::Status {
                      auto last = Outbox::LastCursor(conn, partner);
                      if (!last.ok()) return last.status();
                      cursor = *last;
                      return absl::OkStatus();
                    })
                    .ok());
    return cursor;
  }

  // ROSA's availability events after `after`: facility id -> count.
  std::map<std::string, int> AvailabilityAfter(uint64_t after) {
    std::map<std::string, int> counts;
    EXPECT_TRUE(
        db_->readers()
            .RunAndWait([&](store::Connection& conn) -> absl::Status {
              for (;;) {
                auto events =
                    Outbox::Read(conn, "rosa", after, 500, content_.get());
                if (!events.ok()) return events.status();
                if (events->empty()) return absl::OkStatus();
                for (const v1::Event& e : *events) {
                  after = e.cursor();
                  if (e.has_availability()) {
                    ++counts[e.availability().facility().facility().id()];
                  }
                }
              }
            })
            .ok());
    return counts;
  }
};

TEST_F(IngestCapacityTest, ThreeThousandRowsPublishOncePerFacility) {
  std::vector<int> all;
  for (int f = 1; f <= kFacilities; ++f) all.push_back(f);
  const std::string csv = Plasser(Rows(all, 150));  // 3 000 rows.
  const uint64_t before = LastCursor("rosa");

  auto r = IngestText("ks-region", kPlasser, csv);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->applied());
  ASSERT_EQ(r->records_size(), 3000);
  EXPECT_EQ(r->records(0).record(), "line 2");
  EXPECT_EQ(r->records(0).object_id(), FacilityId(1));
  EXPECT_EQ(r->records(2999).object_id(), FacilityId(kFacilities));

  const std::map<std::string, int> events = AvailabilityAfter(before);
  EXPECT_EQ(events.size(), static_cast<size_t>(kFacilities));
  for (const auto& [facility, count] : events) {
    EXPECT_EQ(count, 1) << facility;
  }
  EXPECT_EQ(Units(FacilityId(7)).size(), 150u);

  // The same file again changes nothing and tells nobody.
  const uint64_t after_first = LastCursor("rosa");
  auto again = IngestText("ks-region", kPlasser, csv);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(LastCursor("rosa"), after_first);
}

TEST_F(IngestCapacityTest, MoreUnitsThanTheCapAreRefusedAndNothingApplied) {
  const int cap = PlacementDesk::Options{}.max_units_per_facility;
  const uint64_t before = LastCursor("rosa");
  // Facility 1 fits; facility 2 gets one unit too many, on its last row.
  const std::string csv = Plasser(Rows({1}, 10) + Rows({2}, cap + 1));
  auto r = IngestText("ks-region", kPlasser, csv);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string bad_line = absl::StrCat("line ", 1 + 10 + cap + 1);
  EXPECT_THAT(std::string(r.status().message()),
              HasSubstr(absl::StrCat(bad_line, ": units[0].unit: ")));
  EXPECT_THAT(std::string(r.status().message()),
              HasSubstr(absl::StrCat(FacilityId(2),
                                     " already has the most "
                                     "units one facility may have (",
                                     cap, ")")));
  EXPECT_TRUE(Units(FacilityId(1)).empty());
  EXPECT_TRUE(Units(FacilityId(2)).empty());
  EXPECT_TRUE(AvailabilityAfter(before).empty());

  // Units already stored count: up to the cap, then no new one.
  ASSERT_TRUE(
      IngestText("ks-region", kPlasser, Plasser(Rows({3}, cap - 1))).ok());
  EXPECT_TRUE(
      IngestText("ks-region", kPlasser, Plasser(Rows({3}, 1, cap))).ok());
  auto over = IngestText("ks-region", kPlasser, Plasser(Rows({3}, 1, cap + 1)));
  EXPECT_EQ(over.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Units(FacilityId(3)).size(), static_cast<size_t>(cap));
}

// A payload is one write operation on the single writer: one with more
// records than the ingest desk takes is refused after decoding, before any
// write, naming the limit.
TEST_F(IngestCapacityTest, MoreRecordsThanThePayloadLimitAreRefused) {
  const int limit = IngestDesk::Options{}.max_records;
  std::string csv =
      "tidspunkt;hvem_ringer;gjelder;antall_personer;kjonn;nasjonalitet;"
      "utnyttelse;mindrearige_barn;utfall\n";
  const absl::Time first = Oslo(2026, 12, 1, 0, 0);
  for (int i = 0; i <= limit; ++i) {
    absl::StrAppend(&csv,
                    absl::FormatTime("%d.%m.%Y %H:%M", first + absl::Minutes(i),
                                     absl::FixedTimeZone(3600)),
                    ";privatperson;informasjon;;;;;;\n");
  }
  const size_t inquiries = Inquiries().size();
  auto r = IngestText("ks-region", "text/csv; profile=ks-telefonlogg-1", csv);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(r.status().message()),
              HasSubstr(absl::StrCat("payload: ", limit + 1,
                                     " records, more than the limit of ", limit,
                                     " in one payload")));
  EXPECT_EQ(Inquiries().size(), inquiries);
}

}  // namespace
}  // namespace ingest_test
}  // namespace rosa
