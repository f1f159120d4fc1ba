#include "plugins/ks_csv/csv_writer.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/ks_csv/csv_reader.h"

namespace rosa::plugin::ks_csv {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(NeutraliseFormulaTest, PrefixesEveryFormulaStart) {
  EXPECT_EQ(NeutraliseFormula("=SUM(A1:A9)"), "'=SUM(A1:A9)");
  EXPECT_EQ(NeutraliseFormula("+47 22 33 11 60"), "'+47 22 33 11 60");
  EXPECT_EQ(NeutraliseFormula("-2+3"), "'-2+3");
  EXPECT_EQ(NeutraliseFormula("@SUM(1)"), "'@SUM(1)");
  EXPECT_EQ(NeutraliseFormula("\t=1"), "'\t=1");
  EXPECT_EQ(NeutraliseFormula("\r=1"), "'\r=1");
  EXPECT_EQ(NeutraliseFormula("=HYPERLINK(\"http://x\";\"y\")"),
            "'=HYPERLINK(\"http://x\";\"y\")");
  EXPECT_EQ(NeutraliseFormula("="), "'=");
  EXPECT_EQ(NeutraliseFormula("'=already"), "'=already");
}

TEST(NeutraliseFormulaTest, LeavesOtherCellsAlone) {
  EXPECT_EQ(NeutraliseFormula(""), "");
  EXPECT_EQ(NeutraliseFormula("R-2026-000123"), "R-2026-000123");
  EXPECT_EQ(NeutraliseFormula("28.11.2026 09:12"), "28.11.2026 09:12");
  EXPECT_EQ(NeutraliseFormula("a=b"), "a=b");
  EXPECT_EQ(NeutraliseFormula("a-b"), "a-b");
  EXPECT_EQ(NeutraliseFormula(" =1"), " =1");
  EXPECT_EQ(NeutraliseFormula("\n=1"), "\n=1");
  EXPECT_EQ(NeutraliseFormula("Ærlig talt"), "Ærlig talt");
  EXPECT_EQ(NeutraliseFormula("42"), "42");
}

TEST(QuoteCellTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(QuoteCell("plain"), "plain");
  EXPECT_EQ(QuoteCell(""), "");
  EXPECT_EQ(QuoteCell("a;b"), "\"a;b\"");
  EXPECT_EQ(QuoteCell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(QuoteCell("\""), "\"\"\"\"");
  EXPECT_EQ(QuoteCell("one\ntwo"), "\"one\ntwo\"");
  EXPECT_EQ(QuoteCell("one\r\ntwo"), "\"one\r\ntwo\"");
  EXPECT_EQ(QuoteCell("cr\r"), "\"cr\r\"");
  EXPECT_EQ(QuoteCell("tab\there"), "tab\there");
  EXPECT_EQ(QuoteCell("a,b"), "a,b");
}

TEST(WriteCellTest, NeutralisesThenQuotes) {
  EXPECT_EQ(WriteCell("=1;2"), "\"'=1;2\"");
  EXPECT_EQ(WriteCell("\r\n=cmd"), "\"'\r\n=cmd\"");
  EXPECT_EQ(WriteCell("-\"x\""), "\"'-\"\"x\"\"\"");
  EXPECT_EQ(WriteCell("ok"), "ok");
}

TEST(WriteRowTest, JoinsWithSemicolonAndEndsInCrlf) {
  EXPECT_EQ(WriteRow({"a", "b;c", "", "=x"}), "a;\"b;c\";;'=x\r\n");
  EXPECT_EQ(WriteRow({}), "\r\n");
}

// Whatever the cells, the reader gives back exactly the neutralised cells.
TEST(WriteRowTest, ReaderReadsBackTheNeutralisedCells) {
  const std::vector<std::string> cells = {
      "=cmd|' /C calc'!A0",
      "+1",
      "-1",
      "@x",
      "\tx",
      "\rx",
      "semi;colon",
      "\"quoted\"",
      "line\nbreak",
      "crlf\r\nbreak",
      "",
      "Æøå ✓",
      "trailing;\"",
      "\"",
      ";",
      "\n",
  };
  const std::string text = WriteRow({"h"}) + WriteRow(cells) + WriteRow(cells);
  const CsvResult r = ReadCsv(text);
  ASSERT_THAT(r.errors, IsEmpty());
  ASSERT_EQ(r.records.size(), 3u);
  std::vector<std::string> expected;
  for (const auto& c : cells) expected.push_back(NeutraliseFormula(c));
  EXPECT_EQ(r.records[1].fields, expected);
  EXPECT_EQ(r.records[2].fields, expected);
  for (const auto& field : r.records[1].fields) {
    if (field.empty()) continue;
    const char first = field.front();
    EXPECT_TRUE(first != '=' && first != '+' && first != '-' && first != '@' &&
                first != '\t' && first != '\r');
  }
}

// Every single byte and pairs of interesting bytes as a cell start survive
// the round trip and never start with a formula character.
TEST(WriteRowTest, RoundTripsShortCellsExhaustively) {
  const std::string alphabet = "=+-@\t\r\n;\"' aZ0";
  std::vector<std::string> cells;
  for (char a : alphabet) {
    cells.emplace_back(1, a);
    for (char b : alphabet) cells.push_back(std::string{a, b});
  }
  CsvLimits limits;
  limits.max_fields = cells.size();
  const CsvResult r = ReadCsv(WriteRow(cells) + WriteRow({"end"}), limits);
  ASSERT_THAT(r.errors, IsEmpty());
  ASSERT_EQ(r.records.size(), 2u);
  ASSERT_EQ(r.records[0].fields.size(), cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    EXPECT_EQ(r.records[0].fields[i], NeutraliseFormula(cells[i])) << i;
  }
  EXPECT_THAT(r.records[1].fields, ElementsAre("end"));
}

}  // namespace
}  // namespace rosa::plugin::ks_csv
