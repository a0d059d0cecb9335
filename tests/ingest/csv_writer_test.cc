#include "ledd/ingest/csv_writer.h"

#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "testing/temp_dir.h"

namespace ledd::ingest {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

TEST(CsvWriter, QuotesOnlyFieldsThatNeedIt) {
  testing::TempDir dir;
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(dir.File("out.csv"));
  ASSERT_TRUE(writer.ok()) << writer.status();
  writer->Row({"id", "note"});
  writer->Int(-42);
  writer->Text("plain");
  writer->EndRow();
  writer->Int(7);
  writer->Text("a, \"quoted\"\nline");
  writer->EndRow();
  writer->DateTime(1565775000);
  writer->Month(1565775000);
  writer->Empty();
  writer->EndRow();
  ASSERT_TRUE(writer->Close().ok());
  EXPECT_EQ(ReadAll(dir.File("out.csv")),
            "id,note\n-42,plain\n7,\"a, \"\"quoted\"\"\nline\"\n"
            "2019-08-14T09:30:00Z,2019-08,\n");
}

TEST(CsvWriter, ReportsAnUnwritablePath) {
  EXPECT_FALSE(CsvWriter::Open("/nonexistent-dir/out.csv").ok());
}

}  // namespace
}  // namespace ledd::ingest
