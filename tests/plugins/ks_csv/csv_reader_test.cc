#include "plugins/ks_csv/csv_reader.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa::plugin::ks_csv {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::vector<std::string>> Fields(const CsvResult& r) {
  std::vector<std::vector<std::string>> out;
  for (const auto& rec : r.records) out.push_back(rec.fields);
  return out;
}

std::vector<int> Lines(const CsvResult& r) {
  std::vector<int> out;
  for (const auto& rec : r.records) out.push_back(rec.line);
  return out;
}

TEST(CsvReaderTest, SplitsSimpleRecords) {
  const CsvResult r = ReadCsv("a;b;c\n1;2;3\n");
  EXPECT_THAT(r.errors, IsEmpty());
  EXPECT_THAT(Fields(r), ElementsAre(ElementsAre("a", "b", "c"),
                                     ElementsAre("1", "2", "3")));
  EXPECT_THAT(Lines(r), ElementsAre(1, 2));
}

TEST(CsvReaderTest, LastLineWithoutLineEnd) {
  const CsvResult r = ReadCsv("a;b\n1;2");
  EXPECT_THAT(r.errors, IsEmpty());
  EXPECT_THAT(Fields(r),
              ElementsAre(ElementsAre("a", "b"), ElementsAre("1", "2")));
}

TEST(CsvReaderTest, CrlfLineEnds) {
  const CsvResult r = ReadCsv("a;b\r\n1;2\r\n");
  EXPECT_THAT(r.errors, IsEmpty());
  EXPECT_THAT(Fields(r),
              ElementsAre(ElementsAre("a", "b"), ElementsAre("1", "2")));
}

TEST(CsvReaderTest, MixedLineEnds) {
  const CsvResult r = ReadCsv("a;b\r\n1;2\n3;4\r\n");
  EXPECT_THAT(r.errors, IsEmpty());
  EXPECT_THAT(Lines(r), ElementsAre(1, 2, 3));
}

TEST(CsvReaderTest, StripsByteOrderMark) {
  const CsvResult r = ReadCsv(
      "\xEF\xBB\xBF"
      "a;b\n1;2\n");
  EXPECT_THAT(r.errors, IsEmpty());
  EXPECT_THAT(Fields(r),
              ElementsAre(ElementsAre("a", "b"), ElementsAre("1", "2")));
}

TEST(CsvReaderTest, ByteOrderMarkOnlyAtTheStartIsStripped) {
  const CsvResult r = ReadCsv(
      "a\n\xEF\xBB\xBF"
      "b\n");
  EXPECT_THAT(r.errors, IsEmpty());
  EXPECT_THAT(Fields(r),
              ElementsAre(ElementsAre("a"), ElementsAre("\xEF\xBB\xBF"
                                                        "b")));
}

TEST(CsvReaderTest, EmptyTextHasNoRecords) {
  EXPECT_THAT(ReadCsv("").records, IsEmpty());
  EXPECT_THAT(ReadCsv("").errors, IsEmpty());
  EXPECT_THAT(ReadCsv("\xEF\xBB\xBF").records, IsEmpty());
  EXPECT_THAT(ReadCsv("\n\r\n\n").records, IsEmpty());
}

TEST(CsvReaderTest, SkipsEmptyLinesAndKeepsPhysicalLineNumbers) {
  const CsvResult r = ReadCsv("\na;b\n\n\r\n1;2\n\n");
  EXPECT_THAT(r.errors, IsEmpty());
  EXPECT_THAT(Lines(r), ElementsAre(2, 5));
}

TEST(CsvReaderTest, SkipsRowsOfEmptyCells) {
  const CsvResult r = ReadCsv("a;b\n;\n\"\";\n1;2\n");
  EXPECT_THAT(r.errors, IsEmpty());
  EXPECT_THAT(Lines(r), ElementsAre(1, 4));
}

TEST(CsvReaderTest, EmptyFieldsKept) {
  const CsvResult r = ReadCsv("a;;c;\n");
  EXPECT_THAT(Fields(r), ElementsAre(ElementsAre("a", "", "c", "")));
}

TEST(CsvReaderTest, QuotedFieldsWithDelimiterQuoteAndLineBreaks) {
  const CsvResult r = ReadCsv(
      "a;b\n\"x;y\";\"say \"\"hi\"\"\"\n\"one\ntwo\r\nthree\";z\n4;5\n");
  EXPECT_THAT(r.errors, IsEmpty());
  EXPECT_THAT(Fields(r), ElementsAre(ElementsAre("a", "b"),
                                     ElementsAre("x;y", "say \"hi\""),
                                     ElementsAre("one\ntwo\r\nthree", "z"),
                                     ElementsAre("4", "5")));
  // The record with two line breaks inside quotes starts on line 3, so the
  // next one is on line 6.
  EXPECT_THAT(Lines(r), ElementsAre(1, 2, 3, 6));
}

TEST(CsvReaderTest, EmptyQuotedFieldAndLoneQuotePair) {
  const CsvResult r = ReadCsv("\"\";\"\"\"\";x\n");
  EXPECT_THAT(Fields(r), ElementsAre(ElementsAre("", "\"", "x")));
}

TEST(CsvReaderTest, QuotedFieldAtEndOfText) {
  const CsvResult r = ReadCsv("a;\"b\"");
  EXPECT_THAT(r.errors, IsEmpty());
  EXPECT_THAT(Fields(r), ElementsAre(ElementsAre("a", "b")));
}

TEST(CsvReaderTest, UnterminatedQuoteNamesTheLineWhereTheFieldBegan) {
  const CsvResult r = ReadCsv("a;b\n1;2\n3;\"open\nstill open\nand more\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 3);
  EXPECT_THAT(r.records, IsEmpty());
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsAnError) {
  const CsvResult r = ReadCsv("a;b\n1;2\"3\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 2);
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAnError) {
  const CsvResult r = ReadCsv("a;b\n\"1\"x;2\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 2);
  // Space after a closing quote is text too.
  EXPECT_EQ(ReadCsv("a;b\n\"1\" ;2\n").errors.size(), 1u);
}

TEST(CsvReaderTest, BareCarriageReturnOutsideQuotesIsAnError) {
  const CsvResult r = ReadCsv("a;b\n1;2\r3;4\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 2);
}

TEST(CsvReaderTest, InvalidUtf8NamesEveryLineWithIt) {
  const CsvResult r = ReadCsv("a;b\n\xC3(;x\nok;ok\n\xFF;y\n");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].line, 2);
  EXPECT_EQ(r.errors[1].line, 4);
  EXPECT_THAT(r.records, IsEmpty());
}

TEST(CsvReaderTest, InvalidUtf8InsideAQuotedLineBreakNamesItsOwnLine) {
  const CsvResult r = ReadCsv("a\n\"x\ny\xED\xA0\x80\"\n");  // a surrogate
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 3);
}

TEST(CsvReaderTest, ErrorsNeverQuoteTheText) {
  const CsvResult r = ReadCsv("a;b\n\"MARKER-SECRET\nx\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].reason.find("MARKER"), std::string::npos);
}

TEST(CsvReaderTest, LimitsRowsAndFields) {
  CsvLimits limits;
  limits.max_records = 2;
  limits.max_fields = 3;
  EXPECT_THAT(ReadCsv("a\nb\n", limits).errors, IsEmpty());
  const CsvResult rows = ReadCsv("a\nb\nc\n", limits);
  ASSERT_EQ(rows.errors.size(), 1u);
  EXPECT_EQ(rows.errors[0].line, 3);
  EXPECT_THAT(ReadCsv("a;b;c\n", limits).errors, IsEmpty());
  const CsvResult fields = ReadCsv("x\na;b;c;d\n", limits);
  ASSERT_EQ(fields.errors.size(), 1u);
  EXPECT_EQ(fields.errors[0].line, 2);
}

TEST(CsvReaderTest, NulBytesAreKeptAsData) {
  const std::string text("a;b\nx\0y;z\n", 10);
  const CsvResult r = ReadCsv(text);
  EXPECT_THAT(r.errors, IsEmpty());
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].fields[0], std::string("x\0y", 3));
}

}  // namespace
}  // namespace rosa::plugin::ks_csv
