// The report's formats: JSON cells are numbers or "<3" in the documented
// schema; CSV neutralises formulas and quotes; HTML escapes every text,
// has no scripts and shows every cell.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/report/annual_report.h"
#include "hub/report/report_csv.h"
#include "hub/report/report_html.h"
#include "hub/report/report_json.h"
#include "nlohmann/json.hpp"
#include "tests/hub/report/report_builders.h"

namespace rosa::report {
namespace {

using testing::At;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::PersonBuilder;
namespace v1 = rosa::hub::v1;

v1::AnnualReport Sample(v1::ReportEdition edition) {
  ReportInput input;
  input.year = 2026;
  PersonBuilder p("P-FMT0000001");
  p.Start(At(2026, 1, 5)).Meet(At(2026, 1, 6)).Meet(At(2026, 1, 13));
  auto& work = p.Add(At(2026, 2, 1));
  work.mutable_activity()->set_kind(v1::ACTIVITY_KIND_WORK_PRACTICE);
  work.mutable_activity()->set_host("=HYPERLINK(\"x\") <script>");
  input.persons = {p.Build()};
  return ComputeAnnualReport(input, edition);
}

TEST(ReportFormatsTest, JsonCellsAreNumbersOrLessThanThree) {
  const auto json =
      nlohmann::json::parse(ReportToJson(Sample(v1::REPORT_EDITION_PUBLISHED)));
  EXPECT_EQ(json["schema"], "rosa-annual-report/1");
  EXPECT_EQ(json["edition"], "published");
  EXPECT_EQ(json["tables"].size(), 17u);
  int suppressed = 0;
  for (const auto& table : json["tables"]) {
    for (const auto& row : table["rows"]) {
      ASSERT_EQ(row["cells"].size(), table["columns"].size());
      for (const auto& cell : row["cells"]) {
        if (cell.is_string()) {
          EXPECT_EQ(cell, "<3");
          ++suppressed;
        } else {
          EXPECT_TRUE(cell.is_number());
          if (cell.is_number_integer()) {
            EXPECT_TRUE(cell == 0 || cell.get<int64_t>() >= 3 ||
                        row["key"] == "distinct_nationalities" ||
                        row["key"] == "distinct_places")
                << table["id"] << " " << row["key"];
          }
        }
      }
    }
  }
  EXPECT_GT(suppressed, 0);
}

TEST(ReportFormatsTest, CsvNeutralisesFormulas) {
  EXPECT_EQ(CsvField("=1+1"), "'=1+1");
  EXPECT_EQ(CsvField("+47"), "'+47");
  EXPECT_EQ(CsvField("-2"), "'-2");
  EXPECT_EQ(CsvField("@cmd"), "'@cmd");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  const auto files = ReportToCsv(Sample(v1::REPORT_EDITION_INTERNAL));
  ASSERT_EQ(files.size(), 17u);
  EXPECT_EQ(files[0].table_id, "1.1");
  EXPECT_THAT(files[0].bytes, HasSubstr("key,label_en,label_no,inquiries\r\n"));
  EXPECT_THAT(files[16].bytes,
              HasSubstr("\"work_practice:=HYPERLINK(\"\"x\"\") <script>\""));
}

TEST(ReportFormatsTest, HtmlIsSelfContainedAndEscaped) {
  const std::string html = ReportToHtml(Sample(v1::REPORT_EDITION_INTERNAL));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("src=")));
  EXPECT_THAT(html, Not(HasSubstr("href=")));
  EXPECT_THAT(html,
              HasSubstr("Henvendelser etter tema / Inquiries by subject"));
  EXPECT_THAT(html, HasSubstr("<svg"));
}

}  // namespace
}  // namespace rosa::report
