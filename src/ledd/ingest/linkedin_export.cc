#include "ledd/ingest/linkedin_export.h"

#include <zip.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "fmt/format.h"
#include "ledd/base/fold.h"
#include "ledd/base/status_macros.h"
#include "ledd/ingest/csv_reader.h"
#include "ledd/store/model.h"
#include "unicode/locid.h"
#include "unicode/unistr.h"

namespace ledd::ingest {
namespace {

// A profile lists at most this many positions, and as many educations (the profile
// routes' limit), so a longer list could not be saved.
constexpr size_t kMaxBackground = 100;

constexpr std::array<const char*, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<const char*, 12> kMonthNames = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<int> Number(std::string_view text, int low, int high) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return {};
  if (value < low || value > high) return {};
  return value;
}

// 1..12 for an English month name or its three-letter abbreviation, any case.
std::optional<int> MonthOf(std::string_view text) {
  const std::string word = Lower(text);
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (word == kMonths[i] || word == kMonthNames[i]) return static_cast<int>(i) + 1;
  }
  if (word == "sept") return 9;
  return {};
}

std::optional<int> YearOf(std::string_view text) { return Number(text, 1900, 2200); }

// "Jan 2020" -> "2020-01", "2020" -> "2020"; nullopt when it is neither.
std::optional<std::string> MonthOrYear(std::string_view text) {
  const size_t space = text.find(' ');
  if (space == std::string_view::npos) {
    std::optional<int> year = YearOf(text);
    if (!year) return {};
    return fmt::format("{:04d}", *year);
  }
  std::optional<int> month = MonthOf(text.substr(0, space));
  std::optional<int> year = YearOf(Trim(text.substr(space + 1)));
  if (!month || !year) return {};
  return fmt::format("{:04d}-{:02d}", *year, *month);
}

int DaysIn(int year, int month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// "01 Jan 2024" (or "2024-01-01") -> "2024-01-01"; nullopt otherwise.
std::optional<std::string> Day(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    std::optional<int> y = YearOf(text.substr(0, 4));
    std::optional<int> m = Number(text.substr(5, 2), 1, 12);
    std::optional<int> d = Number(text.substr(8, 2), 1, 31);
    if (!y || !m || !d) return {};
    year = *y, month = *m, day = *d;
  } else {
    const size_t first = text.find(' ');
    const size_t second = first == std::string_view::npos ? first : text.find(' ', first + 1);
    if (second == std::string_view::npos) return {};
    std::optional<int> d = Number(text.substr(0, first), 1, 31);
    std::optional<int> m = MonthOf(text.substr(first + 1, second - first - 1));
    std::optional<int> y = YearOf(text.substr(second + 1));
    if (!y || !m || !d) return {};
    year = *y, month = *m, day = *d;
  }
  if (day > DaysIn(year, month)) return {};
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

// Whether ISO period text `end` ("2019", "2019-08") lies before `start`, at the
// precision both have.
bool EndsBeforeStart(const std::string& start, const std::string& end) {
  const size_t common = std::min(start.size(), end.size());
  return end.compare(0, common, start, 0, common) < 0;
}

// English country names (ICU's) by folded name, and a few names LinkedIn writes that
// ICU spells otherwise.
const absl::flat_hash_map<std::string, std::string>& CountryNames() {
  static const auto* names = [] {
    auto* map = new absl::flat_hash_map<std::string, std::string>();
    for (const char* const* code = icu::Locale::getISOCountries(); *code != nullptr; ++code) {
      icu::UnicodeString display;
      icu::Locale("", *code).getDisplayCountry(icu::Locale::getEnglish(), display);
      std::string utf8;
      display.toUTF8String(utf8);
      if (!utf8.empty() && utf8 != *code) map->emplace(Fold(utf8), *code);
    }
    for (const auto& [name, code] : std::initializer_list<std::pair<const char*, const char*>>{
             {"United States of America", "US"},
             {"USA", "US"},
             {"UK", "GB"},
             {"Great Britain", "GB"},
             {"Czech Republic", "CZ"},
             {"Korea", "KR"},
             {"South Korea", "KR"},
             {"Russia", "RU"},
             {"Turkey", "TR"},
             {"Netherlands", "NL"},
             {"The Netherlands", "NL"}}) {
      map->emplace(Fold(name), code);
    }
    return map;
  }();
  return *names;
}

// "Greater Oslo Region" -> "Oslo", "Stockholm Metropolitan Area" -> "Stockholm".
std::string CityOf(std::string_view part) {
  std::string_view city = Trim(part);
  if (city.rfind("Greater ", 0) == 0) city.remove_prefix(8);
  for (std::string_view suffix : {" Metropolitan Area", " Metropolitan Region", " Metro Area",
                                  " Bay Area", " Region", " Area"}) {
    if (city.size() > suffix.size() && city.substr(city.size() - suffix.size()) == suffix) {
      city.remove_suffix(suffix.size());
      break;
    }
  }
  return std::string(Trim(city));
}

struct Place {
  std::string city;
  std::string country;
};

// "Oslo, Oslo, Norway", "Bergen, Vestland, Norway", "Norway", "Greater Oslo Region".
Place PlaceOf(std::string_view text) {
  std::vector<std::string_view> parts;
  while (true) {
    const size_t comma = text.find(',');
    std::string_view part = Trim(text.substr(0, comma));
    if (!part.empty()) parts.push_back(part);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  Place place;
  if (parts.empty()) return place;
  place.country = CountryCodeOfName(parts.back());
  if (parts.size() > 1 || place.country.empty()) place.city = CityOf(parts.front());
  return place;
}

// One file of the export, being read: the reader, its columns, and errors in its terms.
class File {
 public:
  explicit File(CsvReader reader) : reader_(std::move(reader)) {}

  absl::Status Require(std::initializer_list<const char*> names) {
    for (const char* name : names) LEDD_RETURN_IF_ERROR(reader_.Column(name).status());
    return absl::OkStatus();
  }
  // Advances, allowing rows of any width (extra or missing trailing columns).
  absl::StatusOr<bool> Next() {
    LEDD_ASSIGN_OR_RETURN(bool more, reader_.Next());
    if (more) ++rows_;
    return more;
  }
  // The trimmed text of column `name`; "" when the file has no such column.
  std::string Text(std::string_view name) const {
    std::optional<int> column = reader_.FindColumn(name);
    if (!column || *column >= reader_.size()) return "";
    // CRLF and lone CR line ends become LF, the line end multi-line fields allow.
    const std::string_view field = Trim(reader_.Field(*column));
    std::string text;
    text.reserve(field.size());
    for (size_t i = 0; i < field.size(); ++i) {
      if (field[i] != '\r') {
        text += field[i];
      } else if (i + 1 == field.size() || field[i + 1] != '\n') {
        text += '\n';
      }
    }
    return text;
  }
  // The same for a single-line field: LinkedIn lets titles and names hold line breaks,
  // which ledd's single-line fields do not, so each run of them (and of tabs) becomes
  // one space.
  std::string Line(std::string_view name) const {
    const std::string text = Text(name);
    std::string line;
    line.reserve(text.size());
    bool in_break = false;
    for (char c : text) {
      if (c == '\n' || c == '\r' || c == '\t') {
        if (!in_break) line += ' ';
        in_break = true;
        continue;
      }
      if (in_break && c == ' ' && !line.empty() && line.back() == ' ') continue;
      in_break = false;
      line += c;
    }
    return std::string(Trim(line));
  }
  absl::Status Error(std::string_view message) const { return reader_.Error(message); }
  // A store rule broken by this row, named by file and line.
  absl::Status Located(const absl::Status& status) const {
    if (status.ok()) return status;
    return reader_.Error(std::string(status.message()));
  }
  // An optional date column: `parse` of its text, or an error naming the column.
  template <typename Parse>
  absl::StatusOr<std::optional<std::string>> Date(std::string_view column, std::string_view what,
                                                  Parse parse) const {
    const std::string text = Text(column);
    if (text.empty()) return std::optional<std::string>();
    std::optional<std::string> date = parse(text);
    if (!date) return Error(fmt::format("\"{}\" is not a {}: {}", column, what, text));
    return date;
  }
  size_t rows() const { return rows_; }

 private:
  CsvReader reader_;
  size_t rows_ = 0;
};

absl::StatusOr<File> OpenFile(std::string name, std::string contents, CsvOptions options = {}) {
  // LinkedIn's files have rows with fewer fields than the header now and then; columns
  // are looked up by name and a missing one reads as empty.
  LEDD_ASSIGN_OR_RETURN(CsvReader reader,
                        CsvReader::FromString(std::move(name), std::move(contents), options));
  reader.ExpectFields(-1);
  return File(std::move(reader));
}

absl::Status ReadProfile(File& file, LinkedInExport& out) {
  LEDD_RETURN_IF_ERROR(file.Require({"First Name", "Last Name"}));
  while (true) {
    LEDD_ASSIGN_OR_RETURN(bool more, file.Next());
    if (!more) break;
    if (out.profile) continue;  // One profile; later rows are counted, not read.
    LinkedInProfile profile;
    profile.first_name = file.Line("First Name");
    profile.last_name = file.Line("Last Name");
    profile.maiden_name = file.Line("Maiden Name");
    profile.address = file.Text("Address");
    profile.birth_date = file.Text("Birth Date");
    profile.headline = file.Line("Headline");
    profile.summary = file.Text("Summary");
    profile.industry = file.Line("Industry");
    profile.zip_code = file.Line("Zip Code");
    profile.geo_location = file.Line("Geo Location");
    profile.twitter_handles = file.Text("Twitter Handles");
    profile.websites = file.Text("Websites");
    profile.instant_messengers = file.Text("Instant Messengers");
    Place place = PlaceOf(profile.geo_location);
    profile.city = std::move(place.city);
    profile.country = std::move(place.country);
    store::Member member;
    member.first_name = profile.first_name;
    member.last_name = profile.last_name;
    member.headline = profile.headline;
    member.summary = profile.summary;
    member.city = profile.city;
    member.country = profile.country;
    member.industry = profile.industry;
    LEDD_RETURN_IF_ERROR(file.Located(store::ValidateMember(member)));
    out.profile = std::move(profile);
  }
  return absl::OkStatus();
}

absl::Status ReadPositions(File& file, LinkedInExport& out) {
  LEDD_RETURN_IF_ERROR(file.Require({"Company Name", "Title"}));
  while (true) {
    LEDD_ASSIGN_OR_RETURN(bool more, file.Next());
    if (!more) break;
    if (out.positions.size() == kMaxBackground) {
      return file.Error(fmt::format("more than {} positions", kMaxBackground));
    }
    LinkedInPosition position;
    position.company = file.Line("Company Name");
    if (position.company.empty()) return file.Error("\"Company Name\" is empty");
    position.title = file.Line("Title");
    position.description = file.Text("Description");
    position.location = file.Line("Location");
    position.country = PlaceOf(position.location).country;
    LEDD_ASSIGN_OR_RETURN(position.start, file.Date("Started On", "month", MonthOrYear));
    LEDD_ASSIGN_OR_RETURN(position.end, file.Date("Finished On", "month", MonthOrYear));
    if (position.start && position.end && EndsBeforeStart(*position.start, *position.end)) {
      return file.Error("\"Finished On\" is before \"Started On\"");
    }
    store::Organization organization;
    organization.name = position.company;
    organization.country = position.country;
    LEDD_RETURN_IF_ERROR(file.Located(store::ValidateOrganization(organization)));
    store::Position record;
    record.title = position.title;
    LEDD_RETURN_IF_ERROR(file.Located(store::ValidatePosition(record)));
    out.positions.push_back(std::move(position));
  }
  return absl::OkStatus();
}

absl::Status ReadEducation(File& file, LinkedInExport& out) {
  LEDD_RETURN_IF_ERROR(file.Require({"School Name"}));
  while (true) {
    LEDD_ASSIGN_OR_RETURN(bool more, file.Next());
    if (!more) break;
    if (out.educations.size() == kMaxBackground) {
      return file.Error(fmt::format("more than {} educations", kMaxBackground));
    }
    LinkedInEducation education;
    education.school = file.Line("School Name");
    if (education.school.empty()) return file.Error("\"School Name\" is empty");
    education.degree = file.Line("Degree Name");
    education.notes = file.Text("Notes");
    education.activities = file.Text("Activities");
    LEDD_ASSIGN_OR_RETURN(education.start, file.Date("Start Date", "year", MonthOrYear));
    LEDD_ASSIGN_OR_RETURN(education.end, file.Date("End Date", "year", MonthOrYear));
    if (education.start && education.end && EndsBeforeStart(*education.start, *education.end)) {
      return file.Error("\"End Date\" is before \"Start Date\"");
    }
    store::Organization school;
    school.kind = store::OrganizationKind::kSchool;
    school.name = education.school;
    LEDD_RETURN_IF_ERROR(file.Located(store::ValidateOrganization(school)));
    store::Education record;
    record.degree = education.degree;
    LEDD_RETURN_IF_ERROR(file.Located(store::ValidateEducation(record)));
    out.educations.push_back(std::move(education));
  }
  return absl::OkStatus();
}

absl::Status ReadConnections(File& file, LinkedInExport& out) {
  LEDD_RETURN_IF_ERROR(file.Require({"First Name", "Last Name"}));
  while (true) {
    LEDD_ASSIGN_OR_RETURN(bool more, file.Next());
    if (!more) break;
    LinkedInConnection connection;
    connection.first_name = file.Line("First Name");
    connection.last_name = file.Line("Last Name");
    connection.url = file.Line("URL");
    connection.email = file.Line("Email Address");
    connection.company = file.Line("Company");
    connection.position = file.Line("Position");
    LEDD_ASSIGN_OR_RETURN(connection.connected_on, file.Date("Connected On", "day", Day));
    for (const auto& [what, text, limit] :
         std::initializer_list<std::tuple<const char*, const std::string&, int>>{
             {"first name", connection.first_name, store::kMaxName},
             {"last name", connection.last_name, store::kMaxName},
             {"URL", connection.url, store::kMaxLink},
             {"email", connection.email, store::kMaxEmail},
             {"company", connection.company, store::kMaxOrganizationName},
             {"position", connection.position, store::kMaxTitle}}) {
      LEDD_RETURN_IF_ERROR(file.Located(store::CheckText(what, text, limit)));
    }
    out.connections.push_back(std::move(connection));
  }
  return absl::OkStatus();
}

// libzip's archive, closed without writing when it goes out of scope.
struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using Archive = std::unique_ptr<zip_t, ArchiveCloser>;

absl::StatusOr<Archive> OpenArchive(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return absl::ResourceExhaustedError(fmt::format("cannot read the ZIP archive: {}", message));
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    zip_source_free(source);
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return absl::InvalidArgumentError(
        fmt::format("the file is not a readable ZIP archive: {}", message));
  }
  zip_error_fini(&error);
  return Archive(archive);
}

// The decompressed bytes of entry `index`, at most kMaxLinkedInEntryBytes (the size
// the archive declares is not trusted: reading stops one byte past the limit).
absl::StatusOr<std::string> ReadEntry(zip_t* archive, zip_uint64_t index, std::string_view name) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive, index, 0, &stat) != 0) {
    return absl::InvalidArgumentError(fmt::format("{}: cannot read it from the ZIP", name));
  }
  const auto too_large = [&] {
    return absl::InvalidArgumentError(fmt::format("{}: larger than {} MB uncompressed", name,
                                                  kMaxLinkedInEntryBytes >> 20));
  };
  if ((stat.valid & ZIP_STAT_SIZE) && stat.size > kMaxLinkedInEntryBytes) return too_large();
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE) {
    return absl::InvalidArgumentError(fmt::format("{}: encrypted in the ZIP", name));
  }
  std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(archive, index, 0));
  if (file == nullptr) {
    return absl::InvalidArgumentError(fmt::format("{}: cannot open it in the ZIP: {}", name,
                                                  zip_strerror(archive)));
  }
  std::string contents;
  std::array<char, 64 * 1024> chunk;
  while (true) {
    const zip_int64_t read = zip_fread(file.get(), chunk.data(), chunk.size());
    if (read < 0) {
      return absl::InvalidArgumentError(fmt::format("{}: damaged in the ZIP: {}", name,
                                                    zip_file_strerror(file.get())));
    }
    if (read == 0) break;
    if (contents.size() + static_cast<size_t>(read) > kMaxLinkedInEntryBytes) return too_large();
    contents.append(chunk.data(), static_cast<size_t>(read));
  }
  return contents;
}

bool SameNameIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && Lower(a) == Lower(b);
}

}  // namespace

bool LooksLikeZip(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 2) == "PK" &&
         ((bytes[2] == '\x03' && bytes[3] == '\x04') || (bytes[2] == '\x05' && bytes[3] == '\x06'));
}

std::string CountryCodeOfName(std::string_view name) {
  const auto& names = CountryNames();
  auto found = names.find(Fold(name));
  return found == names.end() ? "" : found->second;
}

absl::StatusOr<LinkedInExport> ReadLinkedInExport(std::string_view zip) {
  LEDD_ASSIGN_OR_RETURN(Archive archive, OpenArchive(zip));
  constexpr std::array<const char*, 4> kFiles = {kLinkedInProfile, kLinkedInPositions,
                                                 kLinkedInEducation, kLinkedInConnections};
  std::array<std::optional<zip_uint64_t>, kFiles.size()> entries;
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t index = 0; index < count; ++index) {
    const char* path = zip_get_name(archive.get(), static_cast<zip_uint64_t>(index), 0);
    if (path == nullptr) continue;
    std::string_view base = path;
    if (base.empty() || base.back() == '/') continue;  // A folder.
    const size_t slash = base.find_last_of("/\\");
    if (slash != std::string_view::npos) base.remove_prefix(slash + 1);
    for (size_t file = 0; file < kFiles.size(); ++file) {
      if (!SameNameIgnoringCase(base, kFiles[file])) continue;
      if (entries[file]) {
        return absl::InvalidArgumentError(
            fmt::format("the ZIP holds more than one {}", kFiles[file]));
      }
      entries[file] = static_cast<zip_uint64_t>(index);
    }
  }
  if (std::none_of(entries.begin(), entries.end(), [](const auto& entry) { return entry; })) {
    return absl::InvalidArgumentError(
        "the ZIP holds none of Profile.csv, Positions.csv, Education.csv and Connections.csv: "
        "is it LinkedIn's data export?");
  }
  LinkedInExport out;
  for (size_t file = 0; file < kFiles.size(); ++file) {
    if (!entries[file]) continue;
    LEDD_ASSIGN_OR_RETURN(std::string contents,
                          ReadEntry(archive.get(), *entries[file], kFiles[file]));
    // An empty file (LinkedIn writes some when a section is empty) has no rows.
    if (Trim(contents).empty() || Trim(contents) == "\xEF\xBB\xBF") {
      out.files.push_back({.name = kFiles[file], .rows = 0});
      continue;
    }
    CsvOptions options;
    // Connections.csv opens with a "Notes:" paragraph before its header.
    if (kFiles[file] == kLinkedInConnections) options.header_prefix = "First Name";
    LEDD_ASSIGN_OR_RETURN(File reader, OpenFile(kFiles[file], std::move(contents), options));
    switch (file) {
      case 0:
        LEDD_RETURN_IF_ERROR(ReadProfile(reader, out));
        break;
      case 1:
        LEDD_RETURN_IF_ERROR(ReadPositions(reader, out));
        break;
      case 2:
        LEDD_RETURN_IF_ERROR(ReadEducation(reader, out));
        break;
      default:
        LEDD_RETURN_IF_ERROR(ReadConnections(reader, out));
        break;
    }
    out.files.push_back({.name = kFiles[file], .rows = reader.rows()});
  }
  return out;
}

}  // namespace ledd::ingest
