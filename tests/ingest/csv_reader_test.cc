#include "ledd/ingest/csv_reader.h"

#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "testing/temp_dir.h"

namespace ledd::ingest {
namespace {

struct Row {
  int64_t line;
  std::vector<std::string> fields;
};

std::string Write(const testing::TempDir& dir, const std::string& name,
                  const std::string& content) {
  std::string path = dir.File(name);
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

// Reads every data row; the first error is returned instead.
absl::StatusOr<std::vector<Row>> ReadAll(const std::string& path, CsvOptions options = {}) {
  absl::StatusOr<CsvReader> reader = CsvReader::Open(path, options);
  if (!reader.ok()) return reader.status();
  std::vector<Row> rows;
  while (true) {
    absl::StatusOr<bool> more = reader->Next();
    if (!more.ok()) return more.status();
    if (!*more) break;
    Row row{reader->line(), {}};
    for (int i = 0; i < reader->size(); ++i) row.fields.emplace_back(reader->Field(i));
    rows.push_back(std::move(row));
  }
  return rows;
}

TEST(CsvReader, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
  testing::TempDir dir;
  std::string path = Write(dir, "a.csv",
                           "id,note\n"
                           "1,plain\n"
                           "2,\"a, b\"\n"
                           "3,\"say \"\"hi\"\"\"\n"
                           "4,\"two\nlines\"\n"
                           "5,last\n");
  absl::StatusOr<std::vector<Row>> rows = ReadAll(path);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 5u);
  EXPECT_EQ((*rows)[1].fields[1], "a, b");
  EXPECT_EQ((*rows)[2].fields[1], "say \"hi\"");
  EXPECT_EQ((*rows)[3].fields[1], "two\nlines");
  EXPECT_EQ((*rows)[0].line, 2);
  EXPECT_EQ((*rows)[3].line, 5);
  // The multi-line field took lines 5 and 6.
  EXPECT_EQ((*rows)[4].line, 7);
}

TEST(CsvReader, LineNumbersStayRightAcrossManyMultiLineFieldsAndBlankLines) {
  testing::TempDir dir;
  std::string content = "a,b\n";
  int line = 2;
  std::vector<int64_t> expected;
  for (int i = 0; i < 1000; ++i) {
    expected.push_back(line);
    if (i % 3 == 0) {
      content += std::to_string(i) + ",\"x\n\ny\"\n";
      line += 3;
    } else if (i % 3 == 1) {
      content += std::to_string(i) + ",z\n\n";  // A blank line after the record.
      line += 2;
    } else {
      content += std::to_string(i) + ",w\r\n";
      line += 1;
    }
  }
  // A tiny buffer makes records straddle reads.
  absl::StatusOr<std::vector<Row>> rows = ReadAll(Write(dir, "b.csv", content),
                                                  {.buffer_bytes = 4096});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ((*rows)[i].line, expected[i]) << "row " << i;
    EXPECT_EQ((*rows)[i].fields[0], std::to_string(i));
  }
  EXPECT_EQ((*rows)[0].fields[1], "x\n\ny");
  EXPECT_EQ((*rows)[2].fields[1], "w");
}

TEST(CsvReader, AcceptsCrlfAndAFinalLineWithoutBreak) {
  testing::TempDir dir;
  absl::StatusOr<std::vector<Row>> rows =
      ReadAll(Write(dir, "c.csv", "a,b\r\n1,2\r\n3,\"x\r\ny\"\r\n5,6"));
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].fields[1], "2");
  EXPECT_EQ((*rows)[1].fields[1], "x\r\ny");
  EXPECT_EQ((*rows)[2].line, 5);
  EXPECT_EQ((*rows)[2].fields[1], "6");
}

TEST(CsvReader, ReadsPipeDelimitedFilesAndKeepsEmptyFieldsAndSpaces) {
  testing::TempDir dir;
  absl::StatusOr<std::vector<Row>> rows =
      ReadAll(Write(dir, "d.csv", "id|name|x\n1||\n2| a b |\"q|r\"\n"), {.delimiter = '|'});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].fields, (std::vector<std::string>{"1", "", ""}));
  EXPECT_EQ((*rows)[1].fields, (std::vector<std::string>{"2", " a b ", "q|r"}));
}

TEST(CsvReader, LooksUpColumnsByNameAndNamesAMissingOne) {
  testing::TempDir dir;
  std::string path = Write(dir, "members.csv", "\xEF\xBB\xBFid,extra,name\n1,x,Ada\n");
  absl::StatusOr<CsvReader> reader = CsvReader::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status();
  ASSERT_EQ(reader->Column("id").value_or(-1), 0);  // The byte order mark is dropped.
  EXPECT_EQ(reader->Column("name").value_or(-1), 2);
  EXPECT_FALSE(reader->FindColumn("email").has_value());
  absl::StatusOr<int> missing = reader->Column("email");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), path + ": missing required column \"email\"");
}

TEST(CsvReader, RejectsARowWithTheWrongNumberOfFields) {
  testing::TempDir dir;
  std::string path = Write(dir, "e.csv", "a,b,c\n1,2,3\n4,\"5\n\",6\n7,8\n");
  absl::StatusOr<std::vector<Row>> rows = ReadAll(path);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(), path + ":5: expected 3 fields, found 2");
}

TEST(CsvReader, ReportsMalformedQuotingWithItsLine) {
  testing::TempDir dir;
  std::string path = Write(dir, "f.csv", "a,b\n1,2\n3,\"x\"y\n");
  absl::StatusOr<std::vector<Row>> rows = ReadAll(path);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find(path + ":3:"), std::string::npos)
      << rows.status();
}

TEST(CsvReader, ReportsAnUnterminatedQuote) {
  testing::TempDir dir;
  std::string path = Write(dir, "g.csv", "a,b\n1,\"open\n2,3\n");
  absl::StatusOr<std::vector<Row>> rows = ReadAll(path);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("started on line 2"), std::string::npos)
      << rows.status();
}

TEST(CsvReader, HeaderlessFilesCheckCountsOnlyWhenAsked) {
  testing::TempDir dir;
  std::string path = Write(dir, "h.csv", "1|2\n3|4|5\n");
  absl::StatusOr<std::vector<Row>> rows = ReadAll(path, {.delimiter = '|', .header = false});
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(rows->size(), 2u);

  absl::StatusOr<CsvReader> reader = CsvReader::Open(path, {.delimiter = '|', .header = false});
  ASSERT_TRUE(reader.ok());
  reader->ExpectFields(2);
  EXPECT_TRUE(reader->Next().value_or(false));
  absl::StatusOr<bool> second = reader->Next();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().message(), path + ":2: expected 2 fields, found 3");
}

TEST(CsvReader, MissingFileIsNotFoundAndEmptyFileHasNoHeader) {
  testing::TempDir dir;
  EXPECT_EQ(CsvReader::Open(dir.File("nope.csv")).status().code(), absl::StatusCode::kNotFound);
  absl::StatusOr<CsvReader> empty = CsvReader::Open(Write(dir, "empty.csv", ""));
  EXPECT_EQ(empty.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(CsvReader, ReadsFromMemoryLikeFromAFile) {
  absl::StatusOr<CsvReader> reader =
      CsvReader::FromString("inline.csv", "\xEF\xBB\xBF" "a,b\n1,\"x,\ny\"\n2,z");
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ(reader->header(), (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(*reader->Next());
  EXPECT_EQ(reader->Field(1), "x,\ny");
  ASSERT_TRUE(*reader->Next());
  EXPECT_EQ(reader->line(), 4);
  EXPECT_EQ(reader->Field(1), "z");
  EXPECT_FALSE(*reader->Next());
  absl::StatusOr<CsvReader> empty = CsvReader::FromString("empty.csv", "");
  EXPECT_EQ(empty.status().message(), "empty.csv: empty file, expected a header");
}

TEST(CsvReader, SkipsAPreambleAsTextAndKeepsCountingLines) {
  // The preamble's quotes are unbalanced: parsed as CSV they would swallow the header.
  const std::string text =
      "\xEF\xBB\xBFNotes:\n\"a quoted note\"\nan \"unbalanced quote\n\nFirst Name,Last Name\n"
      "Kari,\"Nord\nmann\"\nOla,Hansen\n";
  // A tiny buffer makes preamble lines cross reads; a file and memory read alike.
  for (size_t buffer_bytes : {size_t{1}, size_t{4} << 20}) {
    absl::StatusOr<CsvReader> reader = CsvReader::FromString(
        "Connections.csv", text, {.buffer_bytes = buffer_bytes, .header_prefix = "First Name"});
    ASSERT_TRUE(reader.ok()) << reader.status();
    EXPECT_EQ(reader->header(), (std::vector<std::string>{"First Name", "Last Name"}));
    ASSERT_TRUE(*reader->Next());
    EXPECT_EQ(reader->line(), 6);
    EXPECT_EQ(reader->Field(1), "Nord\nmann");
    ASSERT_TRUE(*reader->Next());
    EXPECT_EQ(reader->line(), 8);
    EXPECT_FALSE(*reader->Next());
  }
  testing::TempDir dir;
  const std::string path = dir.File("Connections.csv");
  std::ofstream(path) << text;
  absl::StatusOr<CsvReader> file = CsvReader::Open(path, {.header_prefix = "First Name"});
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_TRUE(*file->Next());
  EXPECT_EQ(file->line(), 6);
}

TEST(CsvReader, APreambleWithoutTheHeaderIsAnError) {
  absl::StatusOr<CsvReader> reader = CsvReader::FromString(
      "Connections.csv", "Notes:\n\"x\"\n", {.header_prefix = "First Name"});
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().message(),
            "Connections.csv: no header line (one that starts with \"First Name\")");
}

}  // namespace
}  // namespace ledd::ingest
