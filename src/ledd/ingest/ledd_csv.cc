#include "ledd/ingest/ledd_csv.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <tuple>
#include <utility>

#include "fmt/core.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/ingest/csv_reader.h"
#include "ledd/store/import_plan.h"

namespace ledd::ingest {

absl::StatusOr<ExistingRows> ExistingRows::Of(store::Store& store) {
  ExistingRows existing;
  existing.store_ = &store;
  LEDD_ASSIGN_OR_RETURN(std::vector<MemberId> ids, store.MemberIds());
  existing.members_.reserve(ids.size());
  existing.members_.insert(ids.begin(), ids.end());
  return existing;
}

absl::StatusOr<std::optional<store::OrganizationKind>> ExistingRows::Organization(
    OrganizationId id) {
  if (store_ == nullptr) return std::nullopt;
  auto cached = organizations_.find(id);
  if (cached != organizations_.end()) return cached->second;
  absl::StatusOr<store::Organization> organization = store_->GetOrganization(id);
  std::optional<store::OrganizationKind> kind;
  if (organization.ok()) {
    kind = organization->kind;
  } else if (!absl::IsNotFound(organization.status())) {
    return organization.status();
  }
  organizations_.emplace(id, kind);
  return kind;
}

absl::StatusOr<std::optional<MemberId>> ExistingRows::PostAuthor(PostId id) {
  if (store_ == nullptr) return std::nullopt;
  absl::StatusOr<store::Post> post = store_->GetPost(id);
  if (post.ok()) return post->author;
  if (absl::IsNotFound(post.status())) return std::nullopt;
  return post.status();
}

absl::StatusOr<std::optional<MemberId>> ExistingRows::AppearanceMember(AppearanceId id) {
  if (store_ == nullptr) return std::nullopt;
  absl::StatusOr<store::Appearance> appearance = store_->GetAppearance(id);
  if (appearance.ok()) return appearance->member;
  if (absl::IsNotFound(appearance.status())) return std::nullopt;
  return appearance.status();
}

const std::vector<std::string>& LeddFileNames() {
  static const std::vector<std::string> kNames = {
      "members.csv", "organizations.csv", "positions.csv",  "educations.csv",
      "connections.csv", "follows.csv",   "posts.csv",      "comments.csv",
      "post_views.csv",  "appearances.csv", "invitations.csv"};
  return kNames;
}

namespace {

// An optional column: absent columns read as empty fields.
std::string_view Get(const CsvReader& reader, std::optional<int> column) {
  return column ? reader.Field(*column) : std::string_view();
}

std::optional<int> Optional(const CsvReader& reader, std::string_view name) {
  return reader.FindColumn(name);
}

absl::StatusOr<std::optional<Timestamp>> OptionalTime(const CsvReader& reader,
                                                      std::optional<int> column) {
  std::string_view text = Get(reader, column);
  if (text.empty()) return std::nullopt;
  absl::StatusOr<Timestamp> time = ParseTimestamp(text);
  if (!time.ok()) {
    return reader.Error(fmt::format("column \"{}\": {}", reader.ColumnName(*column),
                                    std::string(time.status().message())));
  }
  return *time;
}

// A time the model requires; an empty field is 0 (unknown).
absl::StatusOr<Timestamp> RequiredTime(const CsvReader& reader, std::optional<int> column) {
  LEDD_ASSIGN_OR_RETURN(std::optional<Timestamp> time, OptionalTime(reader, column));
  return time.value_or(0);
}

// Wraps a Parse* error of model.h with the row's position.
template <typename T>
absl::StatusOr<T> Located(const CsvReader& reader, int column, absl::StatusOr<T> value) {
  if (value.ok()) return value;
  return reader.Error(fmt::format("column \"{}\": {}", reader.ColumnName(column),
                                  std::string(value.status().message())));
}

// A row's record against the model's field limits and text rules (model.h), with the
// row's position.
absl::Status Valid(const CsvReader& reader, absl::Status status) {
  if (status.ok()) return status;
  return reader.Error(std::string(status.message()));
}

// An id column: a decimal integer above 0 (organizations: at least 0, which LDBC uses).
absl::StatusOr<int64_t> Id(const CsvReader& reader, int column, int64_t least = 1) {
  LEDD_ASSIGN_OR_RETURN(int64_t id, reader.Int(column));
  if (id < least) {
    return reader.Error(fmt::format("column \"{}\": id {} is not {}", reader.ColumnName(column), id,
                                    least == 1 ? "positive" : "at least 0"));
  }
  return id;
}

std::pair<int64_t, int64_t> UnorderedPair(int64_t x, int64_t y) {
  return x < y ? std::pair(x, y) : std::pair(y, x);
}

// Every file of the format is one method; they share the ids seen so far so that later
// files can check their references.
class LeddDirectoryReader {
 public:
  LeddDirectoryReader(const std::string& dir, ExistingRows& existing,
                      const LeddReadOptions& options)
      : dir_(dir), existing_(existing), options_(options) {}

  int64_t skipped_rows() const { return skipped_rows_; }

  ~LeddDirectoryReader() {
    stop_ = true;
    if (second_thread_.joinable()) second_thread_.join();
  }

  // Reads the files on two threads: this one and a second, which goes on to
  // connections.csv, the biggest, once its share of the others is read. Start returns
  // when every other file is read, so that the store can write them while
  // connections.csv is still being read. A file waits for those it refers to, which
  // come before it in LeddFileNames(). Of several errors the one a sequential read
  // would have met first is returned: a failed file stops the reading of every later
  // one, and an earlier one is still read to its end (its error would come first).
  absl::Status Start() {
    second_thread_ = std::thread([this] {
      for (File file : {kOrganizations, kPosts, kComments, kPostViews, kAppearances}) {
        Step(file);
      }
      Step(kConnections);
      connections_read_at_ = std::chrono::steady_clock::now();
    });
    for (File file : {kMembers, kPositions, kEducations, kFollows, kInvitations}) Step(file);
    std::unique_lock lock(mutex_);
    finished_changed_.wait(lock, [&] {
      for (int file = 0; file < kFiles; ++file) {
        if (file != kConnections && !finished_[file]) return false;
      }
      // An error after connections.csv waits for it: its own error comes first.
      return failed_ < kConnections || failed_ == kFiles || finished_[kConnections];
    });
    return failed_ == kFiles ? absl::OkStatus() : status_[failed_];
  }

  // Waits for connections.csv; its error, if any.
  absl::Status FinishConnections() {
    if (second_thread_.joinable()) second_thread_.join();
    return status_[kConnections];
  }

  store::Dataset& data() { return data_; }
  std::chrono::steady_clock::time_point connections_read_at() const {
    return connections_read_at_;
  }

 private:
  // Opens `name`; nullopt when the file is absent (and not required).
  absl::StatusOr<std::optional<CsvReader>> Open(const std::string& name, bool required = false) {
    std::string path = dir_ + "/" + name;
    absl::StatusOr<CsvReader> reader = CsvReader::Open(path);
    if (reader.ok()) return std::optional<CsvReader>(std::move(*reader));
    if (absl::IsNotFound(reader.status()) && !required) return std::nullopt;
    if (absl::IsNotFound(reader.status())) {
      return absl::InvalidArgumentError(fmt::format("{}: required file is missing", path));
    }
    return reader.status();
  }

  // Read or stored; valid once ReadMembers is done.
  bool MemberKnown(MemberId id) const { return known_members_.Find(id) != store::kAbsent; }

  // With options_.skip_unknown_references: whether the row's member ids (read from
  // `columns`) are all known; a row naming an unknown one is counted and skipped.
  absl::StatusOr<bool> Skip(const CsvReader& reader, std::initializer_list<int> columns) {
    if (!options_.skip_unknown_references) return false;
    for (int column : columns) {
      LEDD_ASSIGN_OR_RETURN(int64_t id, Id(reader, column));
      if (!MemberKnown(id)) {
        ++skipped_rows_;
        return true;
      }
    }
    return false;
  }

  // Likewise for a post id: unknown in the files and the store.
  absl::StatusOr<bool> SkipPost(const CsvReader& reader, int column) {
    if (!options_.skip_unknown_references) return false;
    LEDD_ASSIGN_OR_RETURN(int64_t id, Id(reader, column));
    if (posts_.contains(id)) return false;
    LEDD_ASSIGN_OR_RETURN(std::optional<MemberId> stored, existing_.PostAuthor(id));
    if (stored) return false;
    ++skipped_rows_;
    return true;
  }

  absl::Status RequireMember(const CsvReader& reader, int column, MemberId id) const {
    if (MemberKnown(id)) return absl::OkStatus();
    return reader.Error(
        fmt::format("column \"{}\": unknown member {}", reader.ColumnName(column), id));
  }

  absl::StatusOr<MemberId> MemberReference(const CsvReader& reader, int column) const {
    LEDD_ASSIGN_OR_RETURN(int64_t id, Id(reader, column));
    LEDD_RETURN_IF_ERROR(RequireMember(reader, column, id));
    return id;
  }

  // Checks that organization `id` exists in the files or the store, and is a school
  // when `school` is set.
  absl::StatusOr<OrganizationId> OrganizationReference(const CsvReader& reader, int column,
                                                       bool school) {
    LEDD_ASSIGN_OR_RETURN(int64_t id, Id(reader, column, 0));
    std::optional<store::OrganizationKind> kind;
    if (auto found = organizations_.find(id); found != organizations_.end()) {
      kind = found->second;
    } else {
      LEDD_ASSIGN_OR_RETURN(std::optional<store::OrganizationKind> stored,
                            existing_.Organization(id));
      kind = stored;
    }
    if (!kind) {
      return reader.Error(
          fmt::format("column \"{}\": unknown organization {}", reader.ColumnName(column), id));
    }
    if (school && *kind != store::OrganizationKind::kSchool) {
      return reader.Error(fmt::format("column \"{}\": organization {} is a company, not a school",
                                      reader.ColumnName(column), id));
    }
    return id;
  }

  static absl::Status CheckPeriod(const CsvReader& reader, std::optional<Timestamp> start,
                                  std::optional<Timestamp> end) {
    if (start && end && *end < *start) return reader.Error("end is before start");
    return absl::OkStatus();
  }

  absl::Status ReadMembers() {
    LEDD_ASSIGN_OR_RETURN(std::optional<CsvReader> opened, Open("members.csv", /*required=*/true));
    CsvReader& reader = *opened;
    absl::StatusOr<int> id = reader.Column("id");
    absl::StatusOr<int> handle = reader.Column("handle");
    absl::StatusOr<int> first_name = reader.Column("first_name");
    absl::StatusOr<int> last_name = reader.Column("last_name");
    for (const auto* column : {&id, &handle, &first_name, &last_name}) {
      if (!column->ok()) return column->status();
    }
    std::optional<int> headline = Optional(reader, "headline");
    std::optional<int> summary = Optional(reader, "summary");
    std::optional<int> has_photo = Optional(reader, "has_photo");
    std::optional<int> city = Optional(reader, "city");
    std::optional<int> country = Optional(reader, "country");
    std::optional<int> industry = Optional(reader, "industry");
    std::optional<int> email = Optional(reader, "email");
    std::optional<int> created_at = Optional(reader, "created_at");
    std::optional<int> policy = Optional(reader, "policy");
    std::optional<int> markets = Optional(reader, "markets");
    std::optional<int> visibility = Optional(reader, "connections_visibility");
    std::optional<int> in_directory = Optional(reader, "in_directory");

    absl::flat_hash_set<std::string> handles;
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool more, reader.Next());
      if (!more) break;
      store::Member member;
      LEDD_ASSIGN_OR_RETURN(int64_t member_id, Id(reader, *id));
      member.id = member_id;
      if (!members_.insert(member.id).second) {
        return reader.Error(fmt::format("duplicate member id {}", member.id));
      }
      if (existing_.HasMember(member.id)) {
        return reader.Error(fmt::format("member {} is already in the store", member.id));
      }
      member.handle = reader.Field(*handle);
      if (member.handle.empty()) return reader.Error("empty handle");
      if (!handles.insert(member.handle).second) {
        return reader.Error(fmt::format("duplicate handle \"{}\"", member.handle));
      }
      member.first_name = reader.Field(*first_name);
      member.last_name = reader.Field(*last_name);
      member.headline = Get(reader, headline);
      member.summary = Get(reader, summary);
      std::string_view photo = Get(reader, has_photo);
      if (photo == "1" || photo == "true") {
        member.has_photo = true;
      } else if (!photo.empty() && photo != "0" && photo != "false") {
        return reader.Error(
            fmt::format("column \"has_photo\": expected 0 or 1, not \"{}\"", photo));
      }
      std::string_view listed = Get(reader, in_directory);
      if (listed == "0" || listed == "false") {
        member.in_directory = false;
      } else if (!listed.empty() && listed != "1" && listed != "true") {
        return reader.Error(
            fmt::format("column \"in_directory\": expected 0 or 1, not \"{}\"", listed));
      }
      member.city = Get(reader, city);
      member.country = Get(reader, country);
      if (!member.country.empty()) {
        bool letters = member.country.size() == 2 &&
                       std::all_of(member.country.begin(), member.country.end(), [](char c) {
                         return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
                       });
        if (!letters) {
          return reader.Error(fmt::format(
              "column \"country\": not an ISO 3166 alpha-2 code: \"{}\"", member.country));
        }
        for (char& c : member.country) c = static_cast<char>(c & ~0x20);  // upper case
      }
      member.industry = Get(reader, industry);
      member.email = Get(reader, email);
      LEDD_ASSIGN_OR_RETURN(Timestamp created, RequiredTime(reader, created_at));
      member.created_at = created;
      if (std::string_view text = Get(reader, policy); !text.empty()) {
        LEDD_ASSIGN_OR_RETURN(store::Policy parsed,
                              Located(reader, *policy, store::ParsePolicy(text)));
        member.policy = parsed;
      }
      if (markets) {
        LEDD_ASSIGN_OR_RETURN(
            store::Markets parsed,
            Located(reader, *markets, store::ParseMarkets(reader.Field(*markets))));
        member.markets = std::move(parsed);
      }
      if (std::string_view text = Get(reader, visibility); !text.empty()) {
        LEDD_ASSIGN_OR_RETURN(
            store::ConnectionsVisibility parsed,
            Located(reader, *visibility, store::ParseConnectionsVisibility(text)));
        member.connections_visibility = parsed;
      }
      LEDD_RETURN_IF_ERROR(Valid(reader, store::ValidateMember(member)));
      data_.members.push_back(std::move(member));
    }
    std::vector<MemberId> known(members_.begin(), members_.end());
    known.insert(known.end(), existing_.members().begin(), existing_.members().end());
    std::sort(known.begin(), known.end());
    known_members_ = store::MemberIndex(std::move(known));
    return absl::OkStatus();
  }

  absl::Status ReadOrganizations() {
    LEDD_ASSIGN_OR_RETURN(std::optional<CsvReader> opened, Open("organizations.csv"));
    if (!opened) return absl::OkStatus();
    CsvReader& reader = *opened;
    absl::StatusOr<int> id = reader.Column("id");
    absl::StatusOr<int> kind = reader.Column("kind");
    absl::StatusOr<int> name = reader.Column("name");
    for (const auto* column : {&id, &kind, &name}) {
      if (!column->ok()) return column->status();
    }
    std::optional<int> industry = Optional(reader, "industry");
    std::optional<int> country = Optional(reader, "country");
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool more, reader.Next());
      if (!more) break;
      store::Organization organization;
      LEDD_ASSIGN_OR_RETURN(int64_t organization_id, Id(reader, *id, 0));
      organization.id = organization_id;
      LEDD_ASSIGN_OR_RETURN(
          store::OrganizationKind parsed,
          Located(reader, *kind, store::ParseOrganizationKind(reader.Field(*kind))));
      organization.kind = parsed;
      if (!organizations_.emplace(organization.id, organization.kind).second) {
        return reader.Error(fmt::format("duplicate organization id {}", organization.id));
      }
      LEDD_ASSIGN_OR_RETURN(std::optional<store::OrganizationKind> stored,
                            existing_.Organization(organization.id));
      if (stored) {
        return reader.Error(
            fmt::format("organization {} is already in the store", organization.id));
      }
      organization.name = reader.Field(*name);
      organization.industry = Get(reader, industry);
      organization.country = Get(reader, country);
      LEDD_RETURN_IF_ERROR(Valid(reader, store::ValidateOrganization(organization)));
      data_.organizations.push_back(std::move(organization));
    }
    return absl::OkStatus();
  }

  absl::Status ReadPositions() {
    LEDD_ASSIGN_OR_RETURN(std::optional<CsvReader> opened, Open("positions.csv"));
    if (!opened) return absl::OkStatus();
    CsvReader& reader = *opened;
    absl::StatusOr<int> member = reader.Column("member_id");
    absl::StatusOr<int> organization = reader.Column("organization_id");
    for (const auto* column : {&member, &organization}) {
      if (!column->ok()) return column->status();
    }
    std::optional<int> title = Optional(reader, "title");
    std::optional<int> start = Optional(reader, "start");
    std::optional<int> end = Optional(reader, "end");
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool more, reader.Next());
      if (!more) break;
      store::Position position;
      LEDD_ASSIGN_OR_RETURN(MemberId member_id, MemberReference(reader, *member));
      position.member_id = member_id;
      LEDD_ASSIGN_OR_RETURN(OrganizationId organization_id,
                            OrganizationReference(reader, *organization, /*school=*/false));
      position.organization_id = organization_id;
      position.title = Get(reader, title);
      LEDD_ASSIGN_OR_RETURN(std::optional<Timestamp> from, OptionalTime(reader, start));
      LEDD_ASSIGN_OR_RETURN(std::optional<Timestamp> to, OptionalTime(reader, end));
      position.start = from;
      position.end = to;
      LEDD_RETURN_IF_ERROR(CheckPeriod(reader, position.start, position.end));
      LEDD_RETURN_IF_ERROR(Valid(reader, store::ValidatePosition(position)));
      data_.positions.push_back(std::move(position));
    }
    return absl::OkStatus();
  }

  absl::Status ReadEducations() {
    LEDD_ASSIGN_OR_RETURN(std::optional<CsvReader> opened, Open("educations.csv"));
    if (!opened) return absl::OkStatus();
    CsvReader& reader = *opened;
    absl::StatusOr<int> member = reader.Column("member_id");
    absl::StatusOr<int> school = reader.Column("school_id");
    for (const auto* column : {&member, &school}) {
      if (!column->ok()) return column->status();
    }
    std::optional<int> field = Optional(reader, "field");
    std::optional<int> degree = Optional(reader, "degree");
    std::optional<int> start = Optional(reader, "start");
    std::optional<int> end = Optional(reader, "end");
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool more, reader.Next());
      if (!more) break;
      store::Education education;
      LEDD_ASSIGN_OR_RETURN(MemberId member_id, MemberReference(reader, *member));
      education.member_id = member_id;
      LEDD_ASSIGN_OR_RETURN(OrganizationId school_id,
                            OrganizationReference(reader, *school, /*school=*/true));
      education.school_id = school_id;
      education.field = Get(reader, field);
      education.degree = Get(reader, degree);
      LEDD_ASSIGN_OR_RETURN(std::optional<Timestamp> from, OptionalTime(reader, start));
      LEDD_ASSIGN_OR_RETURN(std::optional<Timestamp> to, OptionalTime(reader, end));
      education.start = from;
      education.end = to;
      LEDD_RETURN_IF_ERROR(CheckPeriod(reader, education.start, education.end));
      LEDD_RETURN_IF_ERROR(Valid(reader, store::ValidateEducation(education)));
      data_.educations.push_back(std::move(education));
    }
    return absl::OkStatus();
  }

  // The files in the order of LeddFileNames().
  enum File {
    kMembers,
    kOrganizations,
    kPositions,
    kEducations,
    kConnections,
    kFollows,
    kPosts,
    kComments,
    kPostViews,
    kAppearances,
    kInvitations,
    kFiles
  };

  // The files `file` refers to, which are read before it starts.
  static std::vector<File> Needs(File file) {
    switch (file) {
      case kMembers:
      case kOrganizations:
        return {};
      case kPositions:
      case kEducations:
        return {kMembers, kOrganizations};
      case kComments:
      case kPostViews:
        return {kMembers, kPosts};
      case kInvitations:
        return {kMembers, kPosts, kAppearances};
      default:
        return {kMembers};
    }
  }

  absl::Status Read(File file) {
    switch (file) {
      case kMembers: return ReadMembers();
      case kOrganizations: return ReadOrganizations();
      case kPositions: return ReadPositions();
      case kEducations: return ReadEducations();
      case kConnections: return ReadConnections();
      case kFollows: return ReadFollows();
      case kPosts: return ReadPosts();
      case kComments: return ReadComments();
      case kPostViews: return ReadPostViews();
      case kAppearances: return ReadAppearances();
      case kInvitations: return ReadInvitations();
      case kFiles: break;
    }
    return absl::InternalError("no such file");
  }

  // Reads `file` once the files it needs are read, unless an earlier file has failed.
  void Step(File file) {
    {
      const std::vector<File> needs = Needs(file);
      std::unique_lock lock(mutex_);
      finished_changed_.wait(lock, [&] {
        for (File needed : needs) {
          if (!finished_[needed]) return false;
        }
        return true;
      });
    }
    // A file it needs that failed has set failed_ before it.
    absl::Status status = file < failed_ && !stop_ ? Read(file) : absl::CancelledError();
    std::lock_guard lock(mutex_);
    finished_[file] = true;
    status_[file] = status;
    if (!status.ok() && file < failed_) failed_ = file;
    finished_changed_.notify_all();
  }

  // Whether the reading of `file` can stop: a file before it failed, or the whole
  // reading is abandoned.
  bool Stopped(File file) const { return stop_ || failed_ < file; }

  absl::Status ReadConnections() {
    LEDD_ASSIGN_OR_RETURN(std::optional<CsvReader> opened, Open("connections.csv"));
    if (!opened) return absl::OkStatus();
    CsvReader& reader = *opened;
    absl::StatusOr<int> a = reader.Column("a");
    absl::StatusOr<int> b = reader.Column("b");
    for (const auto* column : {&a, &b}) {
      if (!column->ok()) return column->status();
    }
    std::optional<int> created_at = Optional(reader, "created_at");
    // Duplicates are found by sorting once at the end rather than with a hash set:
    // at tens of millions of rows a sort of 24-byte records is several times cheaper
    // than random inserts into a set of pairs.
    struct Seen {
      MemberId a;
      MemberId b;
      int64_t line;
    };
    std::vector<Seen> seen;
    // Reserved from the file's size, a row per 24 bytes (ledd's own rows with a time
    // take about 35): growing two vectors of tens of millions of rows by doubling copies
    // and faults them in again and again. Reserved pages never touched cost nothing.
    std::error_code error;
    const uintmax_t bytes = std::filesystem::file_size(reader.path(), error);
    if (!error) {
      const size_t expected = static_cast<size_t>(bytes / 24);
      data_.connections.reserve(expected);
      seen.reserve(expected);
    }
    for (uint64_t row = 1;; ++row) {
      if (row % 65536 == 0 && Stopped(kConnections)) return absl::CancelledError();
      LEDD_ASSIGN_OR_RETURN(bool more, reader.Next());
      if (!more) break;
      LEDD_ASSIGN_OR_RETURN(bool skip, Skip(reader, {*a, *b}));
      if (skip) continue;
      LEDD_ASSIGN_OR_RETURN(int64_t first, Id(reader, *a));
      LEDD_ASSIGN_OR_RETURN(int64_t second, Id(reader, *b));
      if (first == second) {
        return reader.Error(fmt::format("member {} cannot connect to itself", first));
      }
      LEDD_RETURN_IF_ERROR(RequireMember(reader, *a, first));
      LEDD_RETURN_IF_ERROR(RequireMember(reader, *b, second));
      LEDD_ASSIGN_OR_RETURN(Timestamp created, RequiredTime(reader, created_at));
      auto [low, high] = UnorderedPair(first, second);
      data_.connections.push_back({low, high, created});
      seen.push_back({low, high, reader.line()});
    }
    auto before = [](const Seen& x, const Seen& y) {
      return std::tie(x.a, x.b, x.line) < std::tie(y.a, y.b, y.line);
    };
    // A file written in pair order (as the generated networks are) needs no sort.
    if (!std::is_sorted(seen.begin(), seen.end(), before)) {
      std::sort(seen.begin(), seen.end(), before);
    }
    // Report the duplicate met first in the file: the smallest line that repeats an
    // earlier row.
    const Seen* first_repeat = nullptr;
    int64_t original_line = 0;
    for (size_t i = 1; i < seen.size(); ++i) {
      if (seen[i].a != seen[i - 1].a || seen[i].b != seen[i - 1].b) continue;
      if (first_repeat == nullptr || seen[i].line < first_repeat->line) {
        first_repeat = &seen[i];
        original_line = seen[i - 1].line;
      }
    }
    if (first_repeat != nullptr) {
      return absl::InvalidArgumentError(
          fmt::format("{}:{}: members {} and {} are already connected (line {})", reader.path(),
                      first_repeat->line, first_repeat->a, first_repeat->b, original_line));
    }
    return absl::OkStatus();
  }

  absl::Status ReadInvitations() {
    LEDD_ASSIGN_OR_RETURN(std::optional<CsvReader> opened, Open("invitations.csv"));
    if (!opened) return absl::OkStatus();
    CsvReader& reader = *opened;
    absl::StatusOr<int> id = reader.Column("id");
    absl::StatusOr<int> from = reader.Column("from");
    absl::StatusOr<int> to = reader.Column("to");
    for (const auto* column : {&id, &from, &to}) {
      if (!column->ok()) return column->status();
    }
    std::optional<int> note = Optional(reader, "note");
    std::optional<int> created_at = Optional(reader, "created_at");
    std::optional<int> state = Optional(reader, "state");
    std::optional<int> kind = Optional(reader, "kind");
    std::optional<int> via = Optional(reader, "via");
    absl::flat_hash_set<InvitationId> ids;
    absl::flat_hash_map<std::pair<MemberId, MemberId>, int64_t> pending_line;
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool more, reader.Next());
      if (!more) break;
      store::Invitation invitation;
      LEDD_ASSIGN_OR_RETURN(bool skip, Skip(reader, {*from, *to}));
      if (skip) continue;
      LEDD_ASSIGN_OR_RETURN(int64_t invitation_id, Id(reader, *id));
      invitation.id = invitation_id;
      if (!ids.insert(invitation.id).second) {
        return reader.Error(fmt::format("duplicate invitation id {}", invitation.id));
      }
      LEDD_ASSIGN_OR_RETURN(MemberId sender, MemberReference(reader, *from));
      LEDD_ASSIGN_OR_RETURN(MemberId recipient, MemberReference(reader, *to));
      invitation.from = sender;
      invitation.to = recipient;
      if (invitation.from == invitation.to) {
        return reader.Error(fmt::format("member {} cannot invite itself", invitation.from));
      }
      invitation.note = Get(reader, note);
      LEDD_ASSIGN_OR_RETURN(Timestamp created, RequiredTime(reader, created_at));
      invitation.created_at = created;
      if (std::string_view text = Get(reader, state); !text.empty()) {
        LEDD_ASSIGN_OR_RETURN(store::InvitationState parsed,
                              Located(reader, *state, store::ParseInvitationState(text)));
        invitation.state = parsed;
      }
      if (invitation.state == store::InvitationState::kPending) {
        auto [entry, inserted] =
            pending_line.emplace(UnorderedPair(invitation.from, invitation.to), reader.line());
        if (!inserted) {
          return reader.Error(
              fmt::format("members {} and {} already have a pending invitation (line {})",
                          invitation.from, invitation.to, entry->second));
        }
      }
      invitation.kind = Get(reader, kind);
      if (std::string_view text = Get(reader, via); !text.empty()) {
        LEDD_ASSIGN_OR_RETURN(invitation.via,
                              Located(reader, *via, store::ParseInvitationVia(text)));
        if (absl::Status origin = CheckOrigin(reader, *via, invitation); !origin.ok()) {
          // The page it was sent from is not in the files or the store (an export of
          // the sender's data does not hold the recipient's posts): kept without it.
          if (!options_.skip_unknown_references) return origin;
          invitation.via = {};
        }
      }
      LEDD_RETURN_IF_ERROR(Valid(reader, store::ValidateInvitation(invitation)));
      data_.invitations.push_back(std::move(invitation));
    }
    return absl::OkStatus();
  }

  absl::Status ReadFollows() {
    LEDD_ASSIGN_OR_RETURN(std::optional<CsvReader> opened, Open("follows.csv"));
    if (!opened) return absl::OkStatus();
    CsvReader& reader = *opened;
    absl::StatusOr<int> follower = reader.Column("follower");
    absl::StatusOr<int> followee = reader.Column("followee");
    for (const auto* column : {&follower, &followee}) {
      if (!column->ok()) return column->status();
    }
    std::optional<int> created_at = Optional(reader, "created_at");
    absl::flat_hash_set<std::pair<MemberId, MemberId>> follows;
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool more, reader.Next());
      if (!more) break;
      store::Follow follow;
      LEDD_ASSIGN_OR_RETURN(bool skip, Skip(reader, {*follower, *followee}));
      if (skip) continue;
      LEDD_ASSIGN_OR_RETURN(MemberId who, MemberReference(reader, *follower));
      LEDD_ASSIGN_OR_RETURN(MemberId whom, MemberReference(reader, *followee));
      follow.follower = who;
      follow.followee = whom;
      if (follow.follower == follow.followee) {
        return reader.Error(fmt::format("member {} cannot follow itself", follow.follower));
      }
      if (!follows.emplace(follow.follower, follow.followee).second) {
        return reader.Error(
            fmt::format("member {} already follows {}", follow.follower, follow.followee));
      }
      LEDD_ASSIGN_OR_RETURN(Timestamp created, RequiredTime(reader, created_at));
      follow.created_at = created;
      data_.follows.push_back(follow);
    }
    return absl::OkStatus();
  }

  absl::Status ReadPosts() {
    LEDD_ASSIGN_OR_RETURN(std::optional<CsvReader> opened, Open("posts.csv"));
    if (!opened) return absl::OkStatus();
    CsvReader& reader = *opened;
    absl::StatusOr<int> id = reader.Column("id");
    absl::StatusOr<int> author = reader.Column("author");
    for (const auto* column : {&id, &author}) {
      if (!column->ok()) return column->status();
    }
    std::optional<int> title = Optional(reader, "title");
    std::optional<int> body = Optional(reader, "body");
    std::optional<int> created_at = Optional(reader, "created_at");
    std::optional<int> views = Optional(reader, "views");
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool more, reader.Next());
      if (!more) break;
      store::Post post;
      LEDD_ASSIGN_OR_RETURN(int64_t post_id, Id(reader, *id));
      post.id = post_id;
      LEDD_ASSIGN_OR_RETURN(MemberId writer, MemberReference(reader, *author));
      if (!posts_.emplace(post.id, writer).second) {
        return reader.Error(fmt::format("duplicate post id {}", post.id));
      }
      post.author = writer;
      post.title = Get(reader, title);
      post.body = Get(reader, body);
      LEDD_RETURN_IF_ERROR(Valid(reader, store::ValidatePost(post)));
      LEDD_ASSIGN_OR_RETURN(Timestamp created, RequiredTime(reader, created_at));
      post.created_at = created;
      if (views && !reader.Field(*views).empty()) {
        LEDD_ASSIGN_OR_RETURN(int64_t count, reader.Int(*views));
        if (count < 0) return reader.Error("column \"views\": negative view count");
        post.views = count;
      }
      data_.posts.push_back(std::move(post));
    }
    return absl::OkStatus();
  }

  absl::Status ReadComments() {
    LEDD_ASSIGN_OR_RETURN(std::optional<CsvReader> opened, Open("comments.csv"));
    if (!opened) return absl::OkStatus();
    CsvReader& reader = *opened;
    absl::StatusOr<int> id = reader.Column("id");
    absl::StatusOr<int> post = reader.Column("post_id");
    absl::StatusOr<int> author = reader.Column("author");
    for (const auto* column : {&id, &post, &author}) {
      if (!column->ok()) return column->status();
    }
    std::optional<int> body = Optional(reader, "body");
    std::optional<int> created_at = Optional(reader, "created_at");
    absl::flat_hash_set<CommentId> ids;
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool more, reader.Next());
      if (!more) break;
      store::Comment comment;
      LEDD_ASSIGN_OR_RETURN(bool skip, Skip(reader, {*author}));
      if (skip) continue;
      LEDD_ASSIGN_OR_RETURN(bool skip_post, SkipPost(reader, *post));
      if (skip_post) continue;
      LEDD_ASSIGN_OR_RETURN(int64_t comment_id, Id(reader, *id));
      comment.id = comment_id;
      if (!ids.insert(comment.id).second) {
        return reader.Error(fmt::format("duplicate comment id {}", comment.id));
      }
      LEDD_ASSIGN_OR_RETURN(int64_t post_id, Id(reader, *post));
      comment.post_id = post_id;
      LEDD_RETURN_IF_ERROR(PostAuthor(reader, *post, post_id).status());
      LEDD_ASSIGN_OR_RETURN(MemberId writer, MemberReference(reader, *author));
      comment.author = writer;
      comment.body = Get(reader, body);
      LEDD_RETURN_IF_ERROR(Valid(reader, store::ValidateComment(comment)));
      LEDD_ASSIGN_OR_RETURN(Timestamp created, RequiredTime(reader, created_at));
      comment.created_at = created;
      data_.comments.push_back(std::move(comment));
    }
    return absl::OkStatus();
  }

  // The author of post `id`, read or stored; an error naming the line when unknown.
  absl::StatusOr<MemberId> PostAuthor(const CsvReader& reader, int column, PostId id) {
    if (auto it = posts_.find(id); it != posts_.end()) return it->second;
    LEDD_ASSIGN_OR_RETURN(std::optional<MemberId> stored, existing_.PostAuthor(id));
    if (stored) return *stored;
    return reader.Error(
        fmt::format("column \"{}\": unknown post {}", reader.ColumnName(column), id));
  }

  // An invitation's via names a post or an appearance of its recipient.
  absl::Status CheckOrigin(const CsvReader& reader, int column,
                           const store::Invitation& invitation) {
    const store::InvitationVia& via = invitation.via;
    std::optional<MemberId> owner;
    if (via.kind == store::InvitationVia::Kind::kPost) {
      LEDD_ASSIGN_OR_RETURN(owner, PostAuthor(reader, column, via.id));
    } else if (auto it = appearances_.find(via.id); it != appearances_.end()) {
      owner = it->second;
    } else {
      LEDD_ASSIGN_OR_RETURN(owner, existing_.AppearanceMember(via.id));
      if (!owner) {
        return reader.Error(fmt::format("column \"{}\": unknown appearance {}",
                                        reader.ColumnName(column), via.id));
      }
    }
    if (owner == invitation.to) return absl::OkStatus();
    return reader.Error(fmt::format("column \"{}\": {} is not member {}'s",
                                    reader.ColumnName(column), store::FormatInvitationVia(via),
                                    invitation.to));
  }

  absl::Status ReadPostViews() {
    LEDD_ASSIGN_OR_RETURN(std::optional<CsvReader> opened, Open("post_views.csv"));
    if (!opened) return absl::OkStatus();
    CsvReader& reader = *opened;
    absl::StatusOr<int> post = reader.Column("post_id");
    absl::StatusOr<int> viewer = reader.Column("viewer");
    absl::StatusOr<int> at = reader.Column("at");
    for (const auto* column : {&post, &viewer, &at}) {
      if (!column->ok()) return column->status();
    }
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool more, reader.Next());
      if (!more) break;
      store::PostView view;
      LEDD_ASSIGN_OR_RETURN(bool skip, Skip(reader, {*viewer}));
      if (skip) continue;
      LEDD_ASSIGN_OR_RETURN(bool skip_post, SkipPost(reader, *post));
      if (skip_post) continue;
      LEDD_ASSIGN_OR_RETURN(view.post_id, Id(reader, *post));
      LEDD_RETURN_IF_ERROR(PostAuthor(reader, *post, view.post_id).status());
      LEDD_ASSIGN_OR_RETURN(view.viewer, MemberReference(reader, *viewer));
      LEDD_ASSIGN_OR_RETURN(std::optional<Timestamp> read, OptionalTime(reader, *at));
      if (!read) return reader.Error("column \"at\": a view needs its time");
      view.at = *read;
      data_.post_views.push_back(view);
    }
    return absl::OkStatus();
  }

  absl::Status ReadAppearances() {
    LEDD_ASSIGN_OR_RETURN(std::optional<CsvReader> opened, Open("appearances.csv"));
    if (!opened) return absl::OkStatus();
    CsvReader& reader = *opened;
    absl::StatusOr<int> id = reader.Column("id");
    absl::StatusOr<int> member = reader.Column("member_id");
    absl::StatusOr<int> title = reader.Column("title");
    absl::StatusOr<int> date = reader.Column("date");
    for (const auto* column : {&id, &member, &title, &date}) {
      if (!column->ok()) return column->status();
    }
    std::optional<int> kind = Optional(reader, "kind");
    std::optional<int> event = Optional(reader, "event");
    std::optional<int> place = Optional(reader, "place");
    std::optional<int> link = Optional(reader, "link");
    std::optional<int> created_at = Optional(reader, "created_at");
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool more, reader.Next());
      if (!more) break;
      store::Appearance appearance;
      LEDD_ASSIGN_OR_RETURN(appearance.id, Id(reader, *id));
      LEDD_ASSIGN_OR_RETURN(appearance.member, MemberReference(reader, *member));
      if (!appearances_.emplace(appearance.id, appearance.member).second) {
        return reader.Error(fmt::format("duplicate appearance id {}", appearance.id));
      }
      if (std::string_view text = Get(reader, kind); !text.empty()) {
        LEDD_ASSIGN_OR_RETURN(appearance.kind,
                              Located(reader, *kind, store::ParseAppearanceKind(text)));
      }
      appearance.title = reader.Field(*title);
      appearance.event = Get(reader, event);
      appearance.place = Get(reader, place);
      appearance.link = Get(reader, link);
      LEDD_ASSIGN_OR_RETURN(std::optional<Timestamp> day, OptionalTime(reader, *date));
      if (!day) return reader.Error("column \"date\": an appearance needs its date");
      appearance.date = *day;
      LEDD_ASSIGN_OR_RETURN(appearance.created_at, RequiredTime(reader, created_at));
      LEDD_RETURN_IF_ERROR(Valid(reader, store::ValidateAppearance(appearance)));
      data_.appearances.push_back(std::move(appearance));
    }
    return absl::OkStatus();
  }

  std::string dir_;
  ExistingRows& existing_;
  const LeddReadOptions options_;
  std::atomic<int64_t> skipped_rows_ = 0;  // Counted by both threads.
  std::thread second_thread_;
  std::atomic<bool> stop_{false};  // Set when the reading is abandoned.
  std::chrono::steady_clock::time_point connections_read_at_;  // Set by second_thread_.
  std::mutex mutex_;
  std::condition_variable finished_changed_;
  // Guarded by mutex_.
  std::array<bool, kFiles> finished_{};  // Read, failed or not read (an earlier failed).
  std::array<absl::Status, kFiles> status_;
  std::atomic<int> failed_ = kFiles;  // The first failed file; written under mutex_.
  store::Dataset data_;
  absl::flat_hash_set<MemberId> members_;  // Read from members.csv.
  store::MemberIndex known_members_{{}};    // Read or stored.
  absl::flat_hash_map<OrganizationId, store::OrganizationKind> organizations_;
  absl::flat_hash_map<PostId, MemberId> posts_;  // Read so far, with their authors.
  absl::flat_hash_map<AppearanceId, MemberId> appearances_;
};

}  // namespace

absl::StatusOr<store::Dataset> ReadLeddDirectory(const std::string& dir, ExistingRows& existing) {
  LEDD_ASSIGN_OR_RETURN(LeddDirectory read, ReadLeddDirectory(dir, existing, LeddReadOptions{}));
  return std::move(read.data);
}

absl::StatusOr<LeddDirectory> ReadLeddDirectory(const std::string& dir, ExistingRows& existing,
                                                const LeddReadOptions& options) {
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<LeddDirectoryReading> reading,
                        LeddDirectoryReading::Start(dir, existing, options));
  LEDD_RETURN_IF_ERROR(reading->FinishConnections());
  return LeddDirectory{.data = std::move(reading->data()),
                       .skipped_rows = reading->skipped_rows()};
}

struct LeddDirectoryReading::Reader {
  LeddDirectoryReader reader;
};

LeddDirectoryReading::LeddDirectoryReading(std::unique_ptr<Reader> reader)
    : reader_(std::move(reader)) {}
LeddDirectoryReading::~LeddDirectoryReading() = default;

absl::StatusOr<std::unique_ptr<LeddDirectoryReading>> LeddDirectoryReading::Start(
    const std::string& dir, ExistingRows& existing, const LeddReadOptions& options) {
  auto reading = std::unique_ptr<LeddDirectoryReading>(
      new LeddDirectoryReading(std::unique_ptr<Reader>(new Reader{{dir, existing, options}})));
  LEDD_RETURN_IF_ERROR(reading->reader_->reader.Start());
  return reading;
}

store::Dataset& LeddDirectoryReading::data() { return reader_->reader.data(); }

absl::Status LeddDirectoryReading::FinishConnections() {
  return reader_->reader.FinishConnections();
}

int64_t LeddDirectoryReading::skipped_rows() const { return reader_->reader.skipped_rows(); }

std::chrono::steady_clock::time_point LeddDirectoryReading::connections_read_at() const {
  return reader_->reader.connections_read_at();
}

}  // namespace ledd::ingest
