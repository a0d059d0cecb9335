#include "ledd/ingest/ldbc.h"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <filesystem>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "fmt/core.h"
#include "ledd/base/fold.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/ingest/csv_reader.h"
#include "unicode/locid.h"
#include "unicode/unistr.h"

namespace ledd::ingest {
namespace {

namespace fs = std::filesystem;

constexpr Timestamp kNever = std::numeric_limits<Timestamp>::max();

// ---------------------------------------------------------------------------------
// Country names.

std::string NormalizeCountry(std::string_view name) {
  std::string spaced(name);
  std::replace(spaced.begin(), spaced.end(), '_', ' ');
  std::string folded = Fold(spaced);
  std::string result;
  for (size_t i = 0; i < folded.size(); ++i) {
    if (folded[i] == '&') {
      result += "and";
    } else {
      result += folded[i];
    }
  }
  return result;
}

const absl::flat_hash_map<std::string, std::string>& CountryTable() {
  static const auto* table = [] {
    auto* names = new absl::flat_hash_map<std::string, std::string>;
    for (const char* const* code = icu::Locale::getISOCountries(); *code != nullptr; ++code) {
      icu::UnicodeString display;
      icu::Locale("", *code).getDisplayCountry(icu::Locale::getEnglish(), display);
      std::string utf8;
      display.toUTF8String(utf8);
      names->emplace(NormalizeCountry(utf8), *code);
      // "Myanmar (Burma)" is also "Myanmar" and "Burma". Split before normalizing:
      // folding turns brackets into spaces.
      if (size_t open = utf8.find(" ("); open != std::string::npos) {
        names->emplace(NormalizeCountry(utf8.substr(0, open)), *code);
        size_t close = utf8.find(')', open);
        if (close != std::string::npos) {
          names->emplace(NormalizeCountry(utf8.substr(open + 2, close - open - 2)), *code);
        }
      }
    }
    // LDBC (DBpedia) spellings that ICU's English names do not cover. The countries of
    // the United Kingdom are listed separately in LDBC; ledd has only the state.
    const std::pair<const char*, const char*> kAliases[] = {
        {"england", "GB"},
        {"scotland", "GB"},
        {"wales", "GB"},
        {"northern ireland", "GB"},
        {"republic of ireland", "IE"},
        {"republic of macedonia", "MK"},
        {"macedonia", "MK"},
        {"swaziland", "SZ"},
        {"czech republic", "CZ"},
        {"democratic republic of the congo", "CD"},
        {"republic of the congo", "CG"},
        {"hong kong", "HK"},
        {"macau", "MO"},
        {"east timor", "TL"},
        {"ivory coast", "CI"},
        {"cape verde", "CV"},
        {"the gambia", "GM"},
        {"the bahamas", "BS"},
        {"vatican city", "VA"},
        {"palestine", "PS"},
        {"state of palestine", "PS"},
        {"federated states of micronesia", "FM"},
        {"kingdom of the netherlands", "NL"},
        {"people's republic of china", "CN"},
        {"republic of china", "TW"},
        {"north korea", "KP"},
        {"south korea", "KR"},
        {"russia", "RU"},
        {"syria", "SY"},
        {"laos", "LA"},
        {"vietnam", "VN"},
        {"burma", "MM"},
        {"united states", "US"},
        {"united kingdom", "GB"},
    };
    // Normalized as lookups are ("people's" folds to "people s").
    for (const auto& [name, code] : kAliases) {
      names->insert_or_assign(NormalizeCountry(name), code);
    }
    return names;
  }();
  return *table;
}

// ---------------------------------------------------------------------------------
// Layouts as data: which files make each table and which columns to read.

enum class DateStyle { kCompact, kEpochMillis, kIso };

// A column wanted from a table: by its name (with neo4j type suffixes removed), or by
// position for edge files whose two id columns share a name ("Person.id|Person.id").
struct Want {
  std::string_view name;
  int position = -1;
  bool optional = false;
};

struct TableSpec {
  std::string_view base;  // Files "<base>.csv", "<base>_0_0.csv", "<base>_1.csv", ...
  std::vector<Want> wants;
};

struct LayoutSpec {
  DateStyle dates;
  TableSpec place;
  TableSpec place_part_of;  // Empty base when merged into place.
  TableSpec organisation;
  TableSpec organisation_place;
  TableSpec person;
  TableSpec person_place;
  TableSpec knows;
  TableSpec study;
  TableSpec work;
};

// Column order inside each TableSpec::wants, used by the readers below.
enum PlaceColumn { kPlaceId, kPlaceName, kPlaceType, kPlacePartOf };
enum OrganisationColumn { kOrgId, kOrgType, kOrgName, kOrgPlace };
enum PersonColumn {
  kPersonId,
  kPersonFirst,
  kPersonLast,
  kPersonCreated,
  kPersonEmail,
  kPersonDeleted,
  kPersonPlace
};
enum EdgeColumn { kEdgeFrom, kEdgeTo, kEdgeValue, kEdgeCreated, kEdgeDeleted };

const LayoutSpec& Spec(Format layout) {
  static const LayoutSpec kTyped{
      .dates = DateStyle::kCompact,
      .place = {"Place", {{"id"}, {"name"}, {":LABEL"}, {"isPartOf", -1, true}}},
      .place_part_of = {"Place_isPartOf_Place", {{"", 0}, {"", 1}}},
      .organisation = {"Organisation", {{"id"}, {":LABEL"}, {"name"}, {"place", -1, true}}},
      .organisation_place = {"Organisation_isLocatedIn_Place", {{"", 0}, {"", 1}}},
      .person = {"Person",
                 {{"id"},
                  {"firstName"},
                  {"lastName"},
                  {"creationDate"},
                  {"email", -1, true},
                  {"deletionDate", -1, true},
                  {"city", -1, true}}},
      .person_place = {"Person_isLocatedIn_Place", {{"", 0}, {"", 1}}},
      .knows = {"Person_knows_Person",
                {{"", 0}, {"", 1}, {"", -1, true}, {"creationDate", -1, true}}},
      .study = {"Person_studyAt_Organisation",
                {{"", 0}, {"", 1}, {"classYear", -1, true}, {"creationDate", -1, true}}},
      .work = {"Person_workAt_Organisation",
               {{"", 0}, {"", 1}, {"workFrom", -1, true}, {"creationDate", -1, true}}},
  };
  static const LayoutSpec kComposite{
      .dates = DateStyle::kEpochMillis,
      .place = {"place", {{"id"}, {"name"}, {"type"}, {"isPartOf", -1, true}}},
      .place_part_of = {"place_isPartOf_place", {{"", 0}, {"", 1}}},
      .organisation = {"organisation", {{"id"}, {"type"}, {"name"}, {"place", -1, true}}},
      .organisation_place = {"organisation_isLocatedIn_place", {{"", 0}, {"", 1}}},
      .person = {"person",
                 {{"id"},
                  {"firstName"},
                  {"lastName"},
                  {"creationDate"},
                  {"email", -1, true},
                  {"deletionDate", -1, true},
                  {"city", -1, true}}},
      .person_place = {"person_isLocatedIn_place", {{"", 0}, {"", 1}}},
      .knows = {"person_knows_person",
                {{"", 0}, {"", 1}, {"", -1, true}, {"creationDate", -1, true}}},
      .study = {"person_studyAt_organisation",
                {{"", 0}, {"", 1}, {"classYear", -1, true}, {"creationDate", -1, true}}},
      .work = {"person_workAt_organisation",
               {{"", 0}, {"", 1}, {"workFrom", -1, true}, {"creationDate", -1, true}}},
  };
  static const LayoutSpec kRaw{
      .dates = DateStyle::kIso,
      .place = {"Place", {{"id"}, {"name"}, {"type"}, {"isPartOf", -1, true}}},
      .place_part_of = {"", {}},
      .organisation = {"Organisation", {{"id"}, {"type"}, {"name"}, {"place", -1, true}}},
      .organisation_place = {"", {}},
      .person = {"Person",
                 {{"id"},
                  {"firstName"},
                  {"lastName"},
                  {"creationDate"},
                  {"email", -1, true},
                  {"deletionDate", -1, true},
                  {"city", -1, true}}},
      .person_place = {"", {}},
      .knows = {"Person_knows_Person",
                {{"Person1.id"},
                 {"Person2.id"},
                 {"", -1, true},
                 {"creationDate", -1, true},
                 {"deletionDate", -1, true}}},
      .study = {"Person_studyAt_University",
                {{"Person.id"},
                 {"Organisation.id"},
                 {"classYear", -1, true},
                 {"creationDate", -1, true},
                 {"deletionDate", -1, true}}},
      .work = {"Person_workAt_Company",
               {{"Person.id"},
                {"Organisation.id"},
                {"workFrom", -1, true},
                {"creationDate", -1, true},
                {"deletionDate", -1, true}}},
  };
  switch (layout) {
    case Format::kLdbcComposite:
      return kComposite;
    case Format::kLdbcRaw:
      return kRaw;
    default:
      return kTyped;
  }
}

// "id:ID(Person)" → "id", ":START_ID(Person)" → ":START_ID", "creationDate:LONG" →
// "creationDate"; other names are unchanged.
std::string_view ColumnKey(std::string_view header_name) {
  if (header_name.empty()) return header_name;
  if (header_name[0] == ':') return header_name.substr(0, header_name.find('('));
  return header_name.substr(0, header_name.find(':'));
}

bool IsInteger(std::string_view text) {
  int64_t ignored;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), ignored);
  return !text.empty() && error == std::errc() && end == text.data() + text.size();
}

// "<base>.csv", "<base>_0_0.csv", "<base>_1.csv": the base and then only "_<digits>"
// groups.
bool IsPartOf(std::string_view file_name, std::string_view base) {
  if (file_name.size() < base.size() + 4 || file_name.substr(0, base.size()) != base ||
      file_name.substr(file_name.size() - 4) != ".csv") {
    return false;
  }
  std::string_view rest = file_name.substr(base.size(), file_name.size() - base.size() - 4);
  while (!rest.empty()) {
    if (rest[0] != '_' || rest.size() < 2) return false;
    size_t digits = 1;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits == 1) return false;
    rest.remove_prefix(digits);
  }
  return true;
}

// All parts of a table in dir, dir/static and dir/dynamic, in name order.
std::vector<std::string> TableFiles(const std::string& dir, std::string_view base) {
  std::vector<std::string> files;
  if (base.empty()) return files;
  for (const char* sub : {"", "/static", "/dynamic"}) {
    std::error_code error;
    fs::directory_iterator it(dir + sub, error);
    if (error) continue;
    for (const fs::directory_entry& entry : it) {
      if (!entry.is_regular_file(error)) continue;
      if (IsPartOf(entry.path().filename().string(), base)) files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

using RowVisitor = std::function<absl::Status(const CsvReader&, const std::vector<int>&)>;

// Reads every part of a table. A part whose first record is not a header (its first
// field is an integer) takes the previous part's column names.
absl::Status ReadTable(const std::vector<std::string>& files, const TableSpec& spec,
                       const RowVisitor& visit) {
  std::vector<std::string> header;
  for (const std::string& path : files) {
    LEDD_ASSIGN_OR_RETURN(CsvReader reader,
                          CsvReader::Open(path, {.delimiter = '|', .header = false}));
    LEDD_ASSIGN_OR_RETURN(bool more, reader.Next());
    if (!more) continue;
    bool first_is_data = reader.size() > 0 && IsInteger(reader.Field(0));
    if (first_is_data) {
      if (header.empty()) return absl::InvalidArgumentError(fmt::format("{}: no header row", path));
      if (reader.size() != static_cast<int>(header.size())) {
        return reader.Error(
            fmt::format("expected {} fields, found {}", header.size(), reader.size()));
      }
    } else {
      header.clear();
      for (int i = 0; i < reader.size(); ++i) header.emplace_back(reader.Field(i));
    }
    reader.SetHeader(header);
    std::vector<int> columns;
    for (const Want& want : spec.wants) {
      int index = -1;
      if (want.position >= 0) {
        if (want.position < static_cast<int>(header.size())) index = want.position;
      } else if (!want.name.empty()) {
        for (size_t i = 0; i < header.size(); ++i) {
          if (ColumnKey(header[i]) == want.name) {
            index = static_cast<int>(i);
            break;
          }
        }
      }
      if (index < 0 && !want.optional) {
        return absl::InvalidArgumentError(fmt::format(
            "{}: missing required column \"{}\"", path,
            want.name.empty() ? fmt::format("#{}", want.position + 1) : std::string(want.name)));
      }
      columns.push_back(index);
    }
    if (first_is_data) {
      LEDD_RETURN_IF_ERROR(visit(reader, columns));
    }
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool another, reader.Next());
      if (!another) break;
      LEDD_RETURN_IF_ERROR(visit(reader, columns));
    }
  }
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------------
// Dates.

absl::StatusOr<Timestamp> ParseCompact(std::string_view text) {
  // yyyyMMddHHmmssSSS, UTC.
  if (text.size() != 17 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return absl::InvalidArgumentError(fmt::format("not a yyyyMMddHHmmssSSS time: \"{}\"", text));
  }
  auto number = [&text](size_t at, size_t width) {
    int value = 0;
    for (size_t i = at; i < at + width; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  int year = number(0, 4), month = number(4, 2), day = number(6, 2);
  int hour = number(8, 2), minute = number(10, 2), second = number(12, 2);
  absl::CivilSecond civil(year, month, day, hour, minute, second);
  if (civil.month() != month || civil.day() != day || civil.hour() != hour ||
      civil.minute() != minute || civil.second() != second) {
    return absl::InvalidArgumentError(fmt::format("not a yyyyMMddHHmmssSSS time: \"{}\"", text));
  }
  return absl::ToUnixSeconds(absl::FromCivil(civil, absl::UTCTimeZone()));
}

absl::StatusOr<Timestamp> ParseDate(DateStyle style, std::string_view text) {
  switch (style) {
    case DateStyle::kCompact:
      return ParseCompact(text);
    case DateStyle::kEpochMillis: {
      int64_t millis = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), millis);
      if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        return absl::InvalidArgumentError(
            fmt::format("not an epoch-millisecond time: \"{}\"", text));
      }
      // Floor division: times before 1970 round down.
      return millis >= 0 ? millis / 1000 : -((-millis + 999) / 1000);
    }
    case DateStyle::kIso:
      return ParseTimestamp(text);
  }
  return absl::InternalError("unknown date style");
}

// ---------------------------------------------------------------------------------
// Reading.

struct Place {
  std::string name;
  std::string type;  // lower case: city, country, continent
  int64_t part_of = -1;
};

struct Organisation {
  store::Organization row;
  int64_t place = -1;
  std::string file;
  int64_t line = 0;
};

struct Person {
  store::Member row;
  Timestamp deleted = kNever;
  int64_t place = -1;
};

struct Edge {
  int64_t from = 0;
  int64_t to = 0;
  int64_t value = -1;  // classYear or workFrom
  Timestamp created = 0;
  Timestamp deleted = kNever;
  int file = 0;
  int64_t line = 0;
};

std::string Spaced(std::string_view name) {
  std::string spaced(name);
  std::replace(spaced.begin(), spaced.end(), '_', ' ');
  return spaced;
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// "first.last.id" with only ASCII letters and digits inside each part, each part cut
// at 32 so that the handle stays within store::kMaxHandle.
std::string Handle(std::string_view first, std::string_view last, int64_t id) {
  std::string handle;
  for (std::string_view part : {first, last}) {
    size_t kept = 0;
    for (char c : Fold(part)) {
      if (((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) && kept < 32) {
        handle += c;
        ++kept;
      }
    }
    handle += '.';
  }
  handle += std::to_string(id);
  return handle;
}

class LdbcReader {
 public:
  LdbcReader(const std::string& dir, Format layout, ExistingRows& existing,
             const LdbcOptions& options)
      : dir_(dir), spec_(Spec(layout)), existing_(existing), options_(options) {}

  absl::StatusOr<store::Dataset> Read() {
    for (auto step :
         {&LdbcReader::ReadPlaces, &LdbcReader::ReadOrganisations, &LdbcReader::ReadPersons}) {
      LEDD_RETURN_IF_ERROR((this->*step)());
    }
    LEDD_RETURN_IF_ERROR(ReadEdges(spec_.knows, &knows_, 1));
    LEDD_RETURN_IF_ERROR(ReadEdges(spec_.study, &study_, 0));
    LEDD_RETURN_IF_ERROR(ReadEdges(spec_.work, &work_, 0));
    return Build();
  }

 private:
  absl::StatusOr<Timestamp> Date(const CsvReader& reader, int column) const {
    absl::StatusOr<Timestamp> time = ParseDate(spec_.dates, reader.Field(column));
    if (!time.ok()) {
      return reader.Error(fmt::format("column \"{}\": {}", reader.ColumnName(column),
                                      std::string(time.status().message())));
    }
    return *time;
  }

  // An optional date column; an empty field or absent column gives `otherwise`.
  absl::StatusOr<Timestamp> DateOr(const CsvReader& reader, int column, Timestamp otherwise) const {
    if (column < 0 || reader.Field(column).empty()) return otherwise;
    return Date(reader, column);
  }

  // A person id, or the person end of an edge: above 0, as ledd's member ids are.
  // Organisation ids start at 0 in LDBC; they and place ids need only not be negative.
  static absl::StatusOr<int64_t> Id(const CsvReader& reader, int column, int64_t least = 1) {
    LEDD_ASSIGN_OR_RETURN(int64_t id, reader.Int(column));
    if (id < least) {
      return reader.Error(fmt::format("column \"{}\": id {} is not {}", reader.ColumnName(column),
                                      id, least == 1 ? "positive" : "at least 0"));
    }
    return id;
  }

  // The model's field limits and text rules (model.h), with the row's position.
  static absl::Status Valid(const CsvReader& reader, absl::Status status) {
    if (status.ok()) return status;
    return reader.Error(std::string(status.message()));
  }

  static absl::StatusOr<int64_t> OptionalInt(const CsvReader& reader, int column) {
    if (column < 0 || reader.Field(column).empty()) return int64_t{-1};
    return reader.Int(column);
  }

  absl::Status ReadPlaces() {
    LEDD_RETURN_IF_ERROR(ReadTable(
        TableFiles(dir_, spec_.place.base), spec_.place,
        [this](const CsvReader& reader, const std::vector<int>& columns) -> absl::Status {
          LEDD_ASSIGN_OR_RETURN(int64_t id, Id(reader, columns[kPlaceId], 0));
          LEDD_ASSIGN_OR_RETURN(int64_t part_of, OptionalInt(reader, columns[kPlacePartOf]));
          // A city's name becomes its members' city.
          LEDD_RETURN_IF_ERROR(Valid(
              reader,
              store::CheckText("place name", reader.Field(columns[kPlaceName]), store::kMaxPlace)));
          places_[id] = Place{std::string(reader.Field(columns[kPlaceName])),
                              Lower(reader.Field(columns[kPlaceType])), part_of};
          return absl::OkStatus();
        }));
    return ReadTable(TableFiles(dir_, spec_.place_part_of.base), spec_.place_part_of,
                     [this](const CsvReader& reader, const std::vector<int>& columns) {
                       return Link(reader, columns, [this](int64_t id, int64_t parent) {
                         auto place = places_.find(id);
                         if (place == places_.end()) return false;
                         place->second.part_of = parent;
                         return true;
                       });
                     });
  }

  // A two-column "x isLocatedIn/isPartOf place" row; `set` returns false if x is unknown.
  static absl::Status Link(const CsvReader& reader, const std::vector<int>& columns,
                           const std::function<bool(int64_t, int64_t)>& set) {
    LEDD_ASSIGN_OR_RETURN(int64_t from, reader.Int(columns[0]));
    LEDD_ASSIGN_OR_RETURN(int64_t to, reader.Int(columns[1]));
    if (!set(from, to)) {
      return reader.Error(
          fmt::format("column \"{}\": unknown id {}", reader.ColumnName(columns[0]), from));
    }
    return absl::OkStatus();
  }

  absl::Status ReadOrganisations() {
    LEDD_RETURN_IF_ERROR(ReadTable(
        TableFiles(dir_, spec_.organisation.base), spec_.organisation,
        [this](const CsvReader& reader, const std::vector<int>& columns) -> absl::Status {
          Organisation organisation;
          LEDD_ASSIGN_OR_RETURN(int64_t id, Id(reader, columns[kOrgId], 0));
          organisation.row.id = id;
          std::string type = Lower(reader.Field(columns[kOrgType]));
          if (type == "company") {
            organisation.row.kind = store::OrganizationKind::kCompany;
          } else if (type == "university") {
            organisation.row.kind = store::OrganizationKind::kSchool;
          } else {
            return reader.Error(
                fmt::format("column \"{}\": expected Company or University, not \"{}\"",
                            reader.ColumnName(columns[kOrgType]), reader.Field(columns[kOrgType])));
          }
          organisation.row.name = Spaced(reader.Field(columns[kOrgName]));
          LEDD_RETURN_IF_ERROR(Valid(reader, store::ValidateOrganization(organisation.row)));
          LEDD_ASSIGN_OR_RETURN(int64_t place, OptionalInt(reader, columns[kOrgPlace]));
          organisation.place = place;
          if (organisation_index_.contains(id)) {
            return reader.Error(fmt::format("duplicate organisation id {}", id));
          }
          LEDD_ASSIGN_OR_RETURN(std::optional<store::OrganizationKind> stored,
                                existing_.Organization(id));
          if (stored) {
            return reader.Error(fmt::format("organisation {} is already in the store", id));
          }
          organisation_index_[id] = organisations_.size();
          organisations_.push_back(std::move(organisation));
          return absl::OkStatus();
        }));
    return ReadTable(TableFiles(dir_, spec_.organisation_place.base), spec_.organisation_place,
                     [this](const CsvReader& reader, const std::vector<int>& columns) {
                       return Link(reader, columns, [this](int64_t id, int64_t place) {
                         auto found = organisation_index_.find(id);
                         if (found == organisation_index_.end()) return false;
                         organisations_[found->second].place = place;
                         return true;
                       });
                     });
  }

  absl::Status ReadPersons() {
    std::vector<std::string> files = TableFiles(dir_, spec_.person.base);
    if (files.empty()) {
      return absl::InvalidArgumentError(fmt::format(
          "{}: no {}.csv: not an LDBC directory of this layout", dir_, spec_.person.base));
    }
    LEDD_RETURN_IF_ERROR(ReadTable(
        files, spec_.person,
        [this](const CsvReader& reader, const std::vector<int>& columns) -> absl::Status {
          Person person;
          LEDD_ASSIGN_OR_RETURN(int64_t id, Id(reader, columns[kPersonId]));
          store::Member& member = person.row;
          member.id = id;
          if (person_index_.contains(id)) {
            return reader.Error(fmt::format("duplicate person id {}", id));
          }
          if (existing_.HasMember(id)) {
            return reader.Error(fmt::format("member {} is already in the store", id));
          }
          member.first_name = Spaced(reader.Field(columns[kPersonFirst]));
          member.last_name = Spaced(reader.Field(columns[kPersonLast]));
          member.handle = Handle(member.first_name, member.last_name, member.id);
          member.has_photo = true;
          if (columns[kPersonEmail] >= 0) {
            std::string_view emails = reader.Field(columns[kPersonEmail]);
            member.email = emails.substr(0, emails.find(';'));
          }
          LEDD_RETURN_IF_ERROR(Valid(reader, store::ValidateMember(member)));
          LEDD_ASSIGN_OR_RETURN(Timestamp created, Date(reader, columns[kPersonCreated]));
          member.created_at = created;
          LEDD_ASSIGN_OR_RETURN(Timestamp deleted, DateOr(reader, columns[kPersonDeleted], kNever));
          person.deleted = deleted;
          NoteDeletion(deleted);
          LEDD_ASSIGN_OR_RETURN(int64_t place, OptionalInt(reader, columns[kPersonPlace]));
          person.place = place;
          person_index_[id] = persons_.size();
          persons_.push_back(std::move(person));
          return absl::OkStatus();
        }));
    return ReadTable(TableFiles(dir_, spec_.person_place.base), spec_.person_place,
                     [this](const CsvReader& reader, const std::vector<int>& columns) {
                       return Link(reader, columns, [this](int64_t id, int64_t place) {
                         auto found = person_index_.find(id);
                         if (found == person_index_.end()) return false;
                         persons_[found->second].place = place;
                         return true;
                       });
                     });
  }

  // `to_least`: the smallest id of the other end (1 for persons, 0 for organisations).
  absl::Status ReadEdges(const TableSpec& spec, std::vector<Edge>* edges, int64_t to_least) {
    return ReadTable(
        TableFiles(dir_, spec.base), spec,
        [this, edges, to_least](const CsvReader& reader,
                                const std::vector<int>& columns) -> absl::Status {
          Edge edge;
          LEDD_ASSIGN_OR_RETURN(int64_t from, Id(reader, columns[kEdgeFrom]));
          LEDD_ASSIGN_OR_RETURN(int64_t to, Id(reader, columns[kEdgeTo], to_least));
          edge.from = from;
          edge.to = to;
          LEDD_ASSIGN_OR_RETURN(int64_t value, OptionalInt(reader, columns[kEdgeValue]));
          edge.value = value;
          LEDD_ASSIGN_OR_RETURN(Timestamp created, DateOr(reader, columns[kEdgeCreated], 0));
          edge.created = created;
          int deleted_column = columns.size() > kEdgeDeleted ? columns[kEdgeDeleted] : -1;
          LEDD_ASSIGN_OR_RETURN(Timestamp deleted, DateOr(reader, deleted_column, kNever));
          edge.deleted = deleted;
          NoteDeletion(deleted);
          if (files_.empty() || files_.back() != reader.path()) files_.push_back(reader.path());
          edge.file = static_cast<int>(files_.size()) - 1;
          edge.line = reader.line();
          edges->push_back(edge);
          return absl::OkStatus();
        });
  }

  void NoteDeletion(Timestamp deleted) {
    if (deleted != kNever) latest_deletion_ = std::max(latest_deletion_, deleted);
  }

  absl::Status EdgeError(const Edge& edge, std::string_view message) const {
    return absl::InvalidArgumentError(
        fmt::format("{}:{}: {}", files_[edge.file], edge.line, message));
  }

  std::string CountryOf(int64_t place_id) const {
    auto place = places_.find(place_id);
    if (place == places_.end()) return "";
    if (place->second.type == "city") place = places_.find(place->second.part_of);
    if (place == places_.end() || place->second.type != "country") return "";
    return CountryCode(place->second.name).value_or("");
  }

  // Live at as_of: created no later and deleted no earlier (LDBC's bulk-load rule).
  bool Live(Timestamp created, Timestamp deleted) const {
    return created <= as_of_ && deleted >= as_of_;
  }

  enum class Endpoint { kLive, kDeleted, kUnknown };
  Endpoint PersonState(int64_t id) const {
    auto found = person_index_.find(id);
    if (found != person_index_.end()) {
      const Person& person = persons_[found->second];
      return Live(person.row.created_at, person.deleted) ? Endpoint::kLive : Endpoint::kDeleted;
    }
    return existing_.HasMember(id) ? Endpoint::kLive : Endpoint::kUnknown;
  }

  absl::StatusOr<bool> OrganisationKnown(int64_t id) {
    if (organisation_index_.contains(id)) return true;
    LEDD_ASSIGN_OR_RETURN(std::optional<store::OrganizationKind> stored,
                          existing_.Organization(id));
    return stored.has_value();
  }

  absl::StatusOr<store::Dataset> Build() {
    as_of_ =
        options_.as_of.value_or(latest_deletion_ == std::numeric_limits<Timestamp>::min()
                                    ? kNever
                                    : std::min<Timestamp>(latest_deletion_, std::time(nullptr)));
    store::Dataset data;
    data.organizations.reserve(organisations_.size());
    for (Organisation& organisation : organisations_) {
      organisation.row.country = CountryOf(organisation.place);
      data.organizations.push_back(std::move(organisation.row));
    }
    data.members.reserve(persons_.size());
    for (Person& person : persons_) {
      if (!Live(person.row.created_at, person.deleted)) continue;
      auto place = places_.find(person.place);
      if (place != places_.end()) person.row.city = Spaced(place->second.name);
      person.row.country = CountryOf(person.place);
      data.members.push_back(person.row);
    }

    data.connections.reserve(knows_.size());
    absl::flat_hash_map<std::pair<MemberId, MemberId>, int64_t> pair_line;
    pair_line.reserve(knows_.size());
    for (const Edge& edge : knows_) {
      LEDD_ASSIGN_OR_RETURN(bool keep, KeepPersonEdge(edge, edge.to));
      if (!keep) continue;
      if (edge.from == edge.to) {
        return EdgeError(edge, fmt::format("person {} knows itself", edge.from));
      }
      auto pair =
          edge.from < edge.to ? std::pair(edge.from, edge.to) : std::pair(edge.to, edge.from);
      auto [entry, inserted] = pair_line.emplace(pair, edge.line);
      if (!inserted) {
        return EdgeError(edge, fmt::format("persons {} and {} are already friends (line {})",
                                           pair.first, pair.second, entry->second));
      }
      data.connections.push_back({pair.first, pair.second, edge.created});
    }

    for (const Edge& edge : study_) {
      LEDD_ASSIGN_OR_RETURN(bool keep, KeepOrganisationEdge(edge));
      if (!keep) continue;
      store::Education education;
      education.member_id = edge.from;
      education.school_id = edge.to;
      if (edge.value >= 0) education.end = YearStart(edge.value);
      data.educations.push_back(std::move(education));
    }
    for (const Edge& edge : work_) {
      LEDD_ASSIGN_OR_RETURN(bool keep, KeepOrganisationEdge(edge));
      if (!keep) continue;
      store::Position position;
      position.member_id = edge.from;
      position.organization_id = edge.to;
      position.title = "Employee";
      if (edge.value >= 0) position.start = YearStart(edge.value);
      data.positions.push_back(std::move(position));
    }
    return data;
  }

  static Timestamp YearStart(int64_t year) {
    return absl::ToUnixSeconds(
        absl::FromCivil(absl::CivilSecond(year, 1, 1, 0, 0, 0), absl::UTCTimeZone()));
  }

  // Whether an edge from person edge.from survives: false when it or a person it
  // names is deleted, an error when a person is unknown. `other` is the second person
  // for knows, or -1.
  absl::StatusOr<bool> KeepPersonEdge(const Edge& edge, int64_t other) const {
    if (!Live(edge.created, edge.deleted)) return false;
    for (int64_t id : {edge.from, other}) {
      if (id < 0) continue;
      switch (PersonState(id)) {
        case Endpoint::kLive:
          break;
        case Endpoint::kDeleted:
          return false;
        case Endpoint::kUnknown:
          return EdgeError(edge, fmt::format("unknown person {}", id));
      }
    }
    return true;
  }

  absl::StatusOr<bool> KeepOrganisationEdge(const Edge& edge) {
    absl::StatusOr<bool> keep = KeepPersonEdge(edge, -1);
    if (!keep.ok() || !*keep) return keep;
    LEDD_ASSIGN_OR_RETURN(bool known, OrganisationKnown(edge.to));
    if (!known) return EdgeError(edge, fmt::format("unknown organisation {}", edge.to));
    return true;
  }

  std::string dir_;
  const LayoutSpec& spec_;
  ExistingRows& existing_;
  LdbcOptions options_;

  absl::flat_hash_map<int64_t, Place> places_;
  std::vector<Organisation> organisations_;
  absl::flat_hash_map<int64_t, size_t> organisation_index_;
  std::vector<Person> persons_;
  absl::flat_hash_map<int64_t, size_t> person_index_;
  std::vector<Edge> knows_;
  std::vector<Edge> study_;
  std::vector<Edge> work_;
  std::vector<std::string> files_;  // Edge files, for errors.
  Timestamp latest_deletion_ = std::numeric_limits<Timestamp>::min();
  Timestamp as_of_ = kNever;
};

bool Exists(const std::string& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

}  // namespace

std::optional<std::string> CountryCode(std::string_view ldbc_name) {
  const auto& table = CountryTable();
  auto found = table.find(NormalizeCountry(ldbc_name));
  if (found == table.end()) return std::nullopt;
  return found->second;
}

absl::StatusOr<Format> DetectFormat(const std::string& dir) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    return absl::NotFoundError(fmt::format("{}: not a directory", dir));
  }
  if (Exists(dir + "/members.csv")) return Format::kLedd;
  if (!TableFiles(dir, "person").empty()) return Format::kLdbcComposite;
  std::vector<std::string> persons = TableFiles(dir, "Person");
  if (!persons.empty()) {
    LEDD_ASSIGN_OR_RETURN(CsvReader reader,
                          CsvReader::Open(persons.front(), {.delimiter = '|', .header = true}));
    if (reader.FindColumn("deletionDate")) return Format::kLdbcRaw;
    return Format::kLdbcTyped;
  }
  return absl::InvalidArgumentError(fmt::format(
      "{}: neither members.csv (ledd) nor Person.csv / dynamic/person_0_0.csv (LDBC SNB)", dir));
}

absl::StatusOr<store::Dataset> ReadLdbcDirectory(const std::string& dir, Format layout,
                                                 ExistingRows& existing,
                                                 const LdbcOptions& options) {
  if (layout != Format::kLdbcTyped && layout != Format::kLdbcComposite &&
      layout != Format::kLdbcRaw) {
    return absl::InvalidArgumentError(
        fmt::format("{}: not an LDBC layout: {}", dir, FormatName(layout)));
  }
  return LdbcReader(dir, layout, existing, options).Read();
}

}  // namespace ledd::ingest
