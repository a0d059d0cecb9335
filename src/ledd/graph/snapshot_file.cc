#include "ledd/graph/snapshot_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "fmt/core.h"
#include "ledd/base/huge_pages.h"
#include "ledd/base/status_macros.h"
#include "ledd/graph/snapshot_builder.h"

namespace ledd::graph {
namespace {

static_assert(std::endian::native == std::endian::little,
              "snapshot files are little-endian and written as memory lies");

constexpr uint64_t kHeaderBytes = 4096;
constexpr uint64_t kSectionAlign = 4096;
constexpr uint32_t kByteOrderMark = 0x01020304;
constexpr size_t kMaxSections = 100;

// One entry of the section table.
struct SectionEntry {
  uint64_t offset = 0;
  uint64_t bytes = 0;
  uint32_t element_bytes = 0;
  uint32_t crc = 0;  // CRC-32 (zlib's) of the section's bytes.
};
static_assert(sizeof(SectionEntry) == 24);

// The header as it lies in the first kHeaderBytes of the file; the CRC-32 of the bytes
// before it is the file's last header word (kHeaderBytes - 4).
struct Header {
  char magic[8];
  uint32_t version;
  uint32_t byte_order;
  uint64_t header_bytes;
  uint64_t file_bytes;
  int64_t position_xid;
  int64_t position_id;
  int64_t event_kind;
  int64_t event_at;
  int64_t event_a;
  int64_t event_b;
  int64_t saved_at;
  uint64_t members;
  uint64_t connections;
  uint64_t follows;
  uint64_t organizations;
  uint64_t section_count;
  SectionEntry sections[kMaxSections];
};
static_assert(sizeof(Header) <= kHeaderBytes - 4);
// The offsets docs/formats.md gives.
static_assert(offsetof(Header, position_xid) == 32 && offsetof(Header, saved_at) == 80 &&
              offsetof(Header, section_count) == 120 && offsetof(Header, sections) == 128);
static_assert(std::is_trivially_copyable_v<Header>);

// The structs copied byte for byte: their sizes are part of the format.
static_assert(sizeof(PositionRecord) == 24 && std::is_trivially_copyable_v<PositionRecord>);
static_assert(sizeof(EducationRecord) == 24 && std::is_trivially_copyable_v<EducationRecord>);
static_assert(sizeof(MemberFlags) == 6 && std::is_trivially_copyable_v<MemberFlags>);
static_assert(sizeof(internal::FacetLine) == 64);

// Organizations and dictionaries hold std::strings; in the file they are columns.
struct Packed {
  std::vector<OrganizationId> organization_ids;
  std::vector<uint8_t> organization_is_school;
  internal::StringColumn organization_name;
  internal::StringColumn organization_folded_name;
  internal::StringColumn organization_industry;
  internal::StringColumn organization_country;
  std::array<internal::StringColumn, kDictCount> folded;
  std::array<internal::StringColumn, kDictCount> display;
};

// Calls visit(name, array) for every array of the file, in file order. The one list both
// the writer and the reader follow; `B` and `P` are const for the writer.
template <typename B, typename P, typename Visit>
void VisitArrays(B& base, P& packed, Visit&& visit) {
  auto column = [&](const std::string& name, auto& strings) {
    visit(name, strings.chars);
    visit(name + " offsets", strings.offsets);
  };
  auto csr = [&](const std::string& name, auto& rows) {
    visit(name + " offsets", rows.offsets);
    visit(name, rows.targets);
  };
  visit("member ids", base.ids);
  column("first names", base.first_name);
  column("last names", base.last_name);
  column("headlines", base.headline);
  column("market countries", base.market_countries);
  visit("cities", base.city);
  visit("countries", base.country);
  visit("industries", base.industry);
  visit("member flags", base.flags);
  visit("position offsets", base.positions.offsets);
  visit("positions", base.positions.items);
  visit("education offsets", base.educations.offsets);
  visit("educations", base.educations.items);
  visit("organization ids", packed.organization_ids);
  visit("organization kinds", packed.organization_is_school);
  column("organization names", packed.organization_name);
  column("organization folded names", packed.organization_folded_name);
  column("organization industries", packed.organization_industry);
  column("organization countries", packed.organization_country);
  visit("company values", base.company_value);
  visit("school values", base.school_value);
  visit("facet rows", base.facet_rows.lines);
  visit("facet row overflow", base.facet_rows.overflow);
  csr("connections", base.connections);
  csr("following", base.following);
  csr("followers", base.followers);
  for (int dict = 0; dict < kDictCount; ++dict) {
    column(fmt::format("dictionary {} values", dict), packed.folded[dict]);
    column(fmt::format("dictionary {} display values", dict), packed.display[dict]);
  }
  for (int facet = 0; facet < kFacetCount; ++facet) {
    csr(fmt::format("facet {} postings", facet), base.postings[facet]);
  }
}

template <typename T>
uint32_t ElementBytes(const std::vector<T>&) {
  return sizeof(T);
}
uint32_t ElementBytes(const std::string&) { return 1; }

uint32_t Crc(const void* data, uint64_t bytes) {
  return static_cast<uint32_t>(
      crc32_z(0, static_cast<const Bytef*>(data), static_cast<z_size_t>(bytes)));
}

absl::Status ErrnoError(int error, std::string_view what, const std::string& path) {
  return absl::Status(absl::ErrnoToStatusCode(error),
                      fmt::format("{} {}: {}", what, path, std::strerror(error)));
}

// Closes a descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

absl::Status WriteAll(int fd, const void* data, uint64_t bytes, const std::string& path) {
  const char* at = static_cast<const char*>(data);
  while (bytes > 0) {
    const ssize_t written = ::write(fd, at, std::min<uint64_t>(bytes, uint64_t{1} << 30));
    if (written < 0) {
      if (errno == EINTR) continue;
      return ErrnoError(errno, "cannot write", path);
    }
    at += written;
    bytes -= static_cast<uint64_t>(written);
  }
  return absl::OkStatus();
}

uint64_t AlignUp(uint64_t value) {
  return (value + kSectionAlign - 1) / kSectionAlign * kSectionAlign;
}

// ---- Reading ------------------------------------------------------------------------

absl::Status Corrupt(const std::string& path, std::string_view what) {
  return absl::DataLossError(fmt::format("snapshot file {} is corrupt: {}", path, what));
}

// Checks the header bytes (at least kHeaderBytes of them) against a file of `file_bytes`.
absl::StatusOr<Header> CheckHeader(const char* bytes, uint64_t file_bytes,
                                   const std::string& path) {
  if (file_bytes < sizeof(kSnapshotFileMagic) ||
      std::memcmp(bytes, kSnapshotFileMagic, sizeof(kSnapshotFileMagic)) != 0) {
    return absl::FailedPreconditionError(
        fmt::format("{} is not a ledd snapshot file (ledd snapshot save writes them)", path));
  }
  if (file_bytes < kHeaderBytes) {
    return Corrupt(path, fmt::format("truncated to {} bytes, shorter than its header", file_bytes));
  }
  Header header;
  std::memcpy(&header, bytes, sizeof(header));
  if (header.byte_order != kByteOrderMark) {
    return absl::FailedPreconditionError(
        fmt::format("snapshot file {} was written on a machine of another byte order", path));
  }
  if (header.version != kSnapshotFileVersion) {
    return absl::FailedPreconditionError(fmt::format(
        "snapshot file {} has format version {}; this ledd reads version {} (save a new one "
        "with ledd snapshot save)",
        path, header.version, kSnapshotFileVersion));
  }
  uint32_t stored_crc = 0;
  std::memcpy(&stored_crc, bytes + kHeaderBytes - 4, 4);
  if (Crc(bytes, kHeaderBytes - 4) != stored_crc) {
    return Corrupt(path, "the header's checksum does not match");
  }
  if (header.header_bytes != kHeaderBytes || header.section_count > kMaxSections) {
    return Corrupt(path, "the header's sizes are impossible");
  }
  if (header.file_bytes != file_bytes) {
    return Corrupt(path, fmt::format("{} bytes long, but written with {} (truncated or "
                                     "extended)",
                                     file_bytes, header.file_bytes));
  }
  // Sections follow each other, each at the next boundary after the previous one.
  uint64_t expected_offset = kHeaderBytes;
  for (uint64_t i = 0; i < header.section_count; ++i) {
    const SectionEntry& section = header.sections[i];
    if (section.offset != expected_offset || section.offset > file_bytes ||
        section.bytes > file_bytes - section.offset || section.element_bytes == 0 ||
        section.bytes % section.element_bytes != 0) {
      return Corrupt(path, fmt::format("section {} lies outside the file", i));
    }
    expected_offset = AlignUp(section.offset + section.bytes);
  }
  if (expected_offset != file_bytes) return Corrupt(path, "the sections do not fill the file");
  return header;
}

SnapshotFileSummary Summarize(const Header& header) {
  SnapshotFileSummary summary;
  summary.info = {.position_xid = header.position_xid,
                  .position_id = header.position_id,
                  .event_kind = header.event_kind,
                  .event_at = header.event_at,
                  .event_a = header.event_a,
                  .event_b = header.event_b,
                  .saved_at = header.saved_at};
  summary.members = header.members;
  summary.connections = header.connections;
  summary.follows = header.follows;
  summary.organizations = header.organizations;
  summary.file_bytes = header.file_bytes;
  return summary;
}

// A read-only private mapping of a whole file.
class Mapping {
 public:
  Mapping() = default;
  ~Mapping() {
    if (data_ != nullptr) ::munmap(data_, bytes_);
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;

  absl::Status Map(int fd, uint64_t bytes, const std::string& path) {
    if (bytes == 0) return absl::OkStatus();
    void* data = ::mmap(nullptr, bytes, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (data == MAP_FAILED) return ErrnoError(errno, "cannot map", path);
    data_ = data;
    bytes_ = bytes;
    ::madvise(data_, bytes_, MADV_SEQUENTIAL);
    return absl::OkStatus();
  }
  const char* data() const { return static_cast<const char*>(data_); }

 private:
  void* data_ = nullptr;
  uint64_t bytes_ = 0;
};

// Copies `bytes` into `array` (reserved with large-page advice, then filled once).
template <typename T>
void Fill(std::vector<T>& array, const char* bytes, uint64_t size) {
  const size_t count = size / sizeof(T);
  array.clear();
  array.shrink_to_fit();
  if (count * sizeof(T) >= (uint64_t{2} << 20)) {
    ReserveHugePages(array, count);
  } else {
    array.reserve(count);
  }
  const T* first = reinterpret_cast<const T*>(bytes);  // Sections are 4096-aligned.
  array.assign(first, first + count);
}
void Fill(std::string& array, const char* bytes, uint64_t size) { array.assign(bytes, size); }

// ---- Structural checks: what the accessors rely on to stay in bounds ----------------

template <typename Offset>
bool OffsetsValid(const std::vector<Offset>& offsets, size_t rows, uint64_t items) {
  if (offsets.size() != rows + 1 || offsets.front() != 0 || offsets.back() != items) return false;
  for (size_t i = 1; i < offsets.size(); ++i) {
    if (offsets[i] < offsets[i - 1]) return false;
  }
  return true;
}

bool ColumnValid(const internal::StringColumn& column, size_t rows) {
  return OffsetsValid(column.offsets, rows, column.chars.size());
}

bool CsrValid(const internal::Csr& csr, size_t rows, Node node_count) {
  if (!OffsetsValid(csr.offsets, rows, csr.targets.size())) return false;
  Node bad = 0;
  for (Node target : csr.targets) bad |= target >= node_count ? 1 : 0;
  return bad == 0;
}

bool ValuesValid(const std::vector<ValueId>& values, size_t count) {
  ValueId bad = 0;
  for (ValueId value : values) bad |= (value >= count && value != kNoValue) ? 1 : 0;
  return bad == 0;
}

absl::Status CheckStructure(const internal::Base& base, const Packed& packed, const Header& header,
                            const std::string& path) {
  const size_t nodes = base.ids.size();
  if (nodes != header.members || nodes >= kNoNode) return Corrupt(path, "member count");
  for (size_t i = 1; i < nodes; ++i) {
    if (base.ids[i] <= base.ids[i - 1]) return Corrupt(path, "member ids out of order");
  }
  if (!ColumnValid(base.first_name, nodes) || !ColumnValid(base.last_name, nodes) ||
      !ColumnValid(base.headline, nodes) || !ColumnValid(base.market_countries, nodes)) {
    return Corrupt(path, "member name columns");
  }
  std::array<size_t, kDictCount> values{};
  for (int dict = 0; dict < kDictCount; ++dict) {
    const size_t count = packed.folded[dict].offsets.size() - 1;
    if (packed.folded[dict].offsets.empty() || !ColumnValid(packed.folded[dict], count) ||
        !ColumnValid(packed.display[dict], count) || count > kMaxFacetValue) {
      return Corrupt(path, fmt::format("dictionary {}", dict));
    }
    values[dict] = count;
  }
  auto count_of = [&](Dict dict) { return values[static_cast<int>(dict)]; };
  if (base.city.size() != nodes || base.country.size() != nodes || base.industry.size() != nodes ||
      base.flags.size() != nodes || !ValuesValid(base.city, count_of(Dict::kCity)) ||
      !ValuesValid(base.country, count_of(Dict::kCountry)) ||
      !ValuesValid(base.industry, count_of(Dict::kIndustry))) {
    return Corrupt(path, "member attribute columns");
  }
  // Bools and enums hold only their values (anything else would be undefined behaviour).
  const bool flags_valid =
      std::all_of(base.flags.begin(), base.flags.end(), [](const MemberFlags& flags) {
        uint8_t bytes[sizeof(MemberFlags)];
        std::memcpy(bytes, &flags, sizeof(bytes));
        return bytes[offsetof(MemberFlags, has_photo)] <= 1 &&
               bytes[offsetof(MemberFlags, policy)] <= 1 &&
               bytes[offsetof(MemberFlags, markets)] <= 2 &&
               bytes[offsetof(MemberFlags, contacts)] <= 2 &&
               bytes[offsetof(MemberFlags, in_directory)] <= 1 &&
               bytes[offsetof(MemberFlags, completeness)] <= kAllSections;
      });
  if (!flags_valid) return Corrupt(path, "member flags");
  const size_t organizations = packed.organization_ids.size();
  if (organizations != header.organizations || organizations >= kNoOrganization ||
      packed.organization_is_school.size() != organizations ||
      !ColumnValid(packed.organization_name, organizations) ||
      !ColumnValid(packed.organization_folded_name, organizations) ||
      !ColumnValid(packed.organization_industry, organizations) ||
      !ColumnValid(packed.organization_country, organizations) ||
      base.company_value.size() != organizations || base.school_value.size() != organizations ||
      !ValuesValid(base.company_value, count_of(Dict::kCompany)) ||
      !ValuesValid(base.school_value, count_of(Dict::kSchool))) {
    return Corrupt(path, "organizations");
  }
  for (size_t i = 1; i < organizations; ++i) {
    if (packed.organization_ids[i] <= packed.organization_ids[i - 1]) {
      return Corrupt(path, "organization ids out of order");
    }
  }
  auto org_valid = [&](OrgIndex org) { return org < organizations || org == kNoOrganization; };
  if (!OffsetsValid(base.positions.offsets, nodes, base.positions.items.size()) ||
      !std::all_of(base.positions.items.begin(), base.positions.items.end(),
                   [&](const PositionRecord& record) {
                     return org_valid(record.organization) &&
                            (record.title < count_of(Dict::kTitle) || record.title == kNoValue);
                   })) {
    return Corrupt(path, "positions");
  }
  if (!OffsetsValid(base.educations.offsets, nodes, base.educations.items.size()) ||
      !std::all_of(base.educations.items.begin(), base.educations.items.end(),
                   [&](const EducationRecord& record) {
                     return org_valid(record.school) &&
                            (record.field < count_of(Dict::kField) || record.field == kNoValue);
                   })) {
    return Corrupt(path, "educations");
  }
  if (base.facet_rows.lines.size() != nodes) return Corrupt(path, "facet rows");
  const uint64_t overflow = base.facet_rows.overflow.size();
  auto entry_valid = [&](uint32_t entry) {
    const int dict = static_cast<int>(FacetEntryDict(entry));
    return dict < kDictCount && FacetEntryValue(entry) < values[dict];
  };
  for (const internal::FacetLine& line : base.facet_rows.lines) {
    const uint32_t length = line.words[0];
    const uint32_t* row = line.words + 1;
    if (length > internal::FacetLine::kInline) {
      if (line.words[1] > overflow || length > overflow - line.words[1]) {
        return Corrupt(path, "facet rows");
      }
      row = base.facet_rows.overflow.data() + line.words[1];
    }
    for (uint32_t i = 0; i < length; ++i) {
      if (!entry_valid(row[i])) return Corrupt(path, "facet rows");
    }
  }
  const Node node_count = static_cast<Node>(nodes);
  if (!CsrValid(base.connections, nodes, node_count) ||
      base.connections.targets.size() != 2 * header.connections) {
    return Corrupt(path, "connections");
  }
  if (!CsrValid(base.following, nodes, node_count) ||
      !CsrValid(base.followers, nodes, node_count) ||
      base.following.targets.size() != header.follows ||
      base.followers.targets.size() != header.follows) {
    return Corrupt(path, "follows");
  }
  for (int facet = 0; facet < kFacetCount; ++facet) {
    if (!CsrValid(base.postings[facet], count_of(DictOf(static_cast<Facet>(facet))), node_count)) {
      return Corrupt(path, fmt::format("postings of facet {}", facet));
    }
  }
  return absl::OkStatus();
}

std::vector<std::string> Unpack(const internal::StringColumn& column) {
  std::vector<std::string> strings;
  strings.reserve(column.offsets.size() - 1);
  for (size_t i = 0; i + 1 < column.offsets.size(); ++i) strings.emplace_back(column.Get(i));
  return strings;
}

}  // namespace

absl::Status WriteSnapshotFile(const Snapshot& snapshot, const SnapshotFileInfo& info,
                               const std::string& path) {
  std::shared_ptr<const Snapshot> compacted;
  const Snapshot* source = &snapshot;
  if (snapshot.DeltaSize() > 0) {
    LEDD_ASSIGN_OR_RETURN(compacted, Compact(snapshot));
    source = compacted.get();
  }
  const internal::Base& base = *source->base();

  Packed packed;
  for (const OrganizationRecord& organization : base.organizations) {
    packed.organization_ids.push_back(organization.id);
    packed.organization_is_school.push_back(organization.is_school ? 1 : 0);
    packed.organization_name.Append(organization.name);
    packed.organization_folded_name.Append(organization.folded_name);
    packed.organization_industry.Append(organization.industry);
    packed.organization_country.Append(organization.country);
  }
  for (int dict = 0; dict < kDictCount; ++dict) {
    for (const std::string& value : base.dictionaries[dict].folded)
      packed.folded[dict].Append(value);
    for (const std::string& value : base.dictionaries[dict].display) {
      packed.display[dict].Append(value);
    }
  }

  struct Array {
    const void* data;
    uint64_t bytes;
  };
  std::vector<Array> arrays;
  Header header{};
  std::memcpy(header.magic, kSnapshotFileMagic, sizeof(header.magic));
  header.version = kSnapshotFileVersion;
  header.byte_order = kByteOrderMark;
  header.header_bytes = kHeaderBytes;
  header.position_xid = info.position_xid;
  header.position_id = info.position_id;
  header.event_kind = info.event_kind;
  header.event_at = info.event_at;
  header.event_a = info.event_a;
  header.event_b = info.event_b;
  header.saved_at = info.saved_at != 0 ? info.saved_at : static_cast<int64_t>(std::time(nullptr));
  header.members = base.ids.size();
  header.connections = base.connection_count;
  header.follows = base.follow_count;
  header.organizations = base.organizations.size();
  uint64_t offset = kHeaderBytes;
  VisitArrays(base, packed, [&](const std::string&, const auto& array) {
    SectionEntry& section = header.sections[header.section_count++];
    section.offset = offset;
    section.bytes = array.size() * ElementBytes(array);
    section.element_bytes = ElementBytes(array);
    section.crc = Crc(array.data(), section.bytes);
    arrays.push_back({array.data(), section.bytes});
    offset = AlignUp(offset + section.bytes);
  });
  header.file_bytes = offset;
  std::vector<char> head(kHeaderBytes, 0);
  std::memcpy(head.data(), &header, sizeof(header));
  const uint32_t header_crc = Crc(head.data(), kHeaderBytes - 4);
  std::memcpy(head.data() + kHeaderBytes - 4, &header_crc, 4);

  const std::string temporary = fmt::format("{}.tmp-{}", path, ::getpid());
  Fd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (fd.get() < 0) return ErrnoError(errno, "cannot create", temporary);
  auto write_file = [&]() -> absl::Status {
    LEDD_RETURN_IF_ERROR(WriteAll(fd.get(), head.data(), head.size(), temporary));
    uint64_t written = kHeaderBytes;
    static const std::vector<char> kZeros(kSectionAlign, 0);
    for (const Array& array : arrays) {
      LEDD_RETURN_IF_ERROR(WriteAll(fd.get(), array.data, array.bytes, temporary));
      written += array.bytes;
      LEDD_RETURN_IF_ERROR(
          WriteAll(fd.get(), kZeros.data(), AlignUp(written) - written, temporary));
      written = AlignUp(written);
    }
    if (::fsync(fd.get()) != 0) return ErrnoError(errno, "cannot sync", temporary);
    if (::close(fd.release()) != 0) return ErrnoError(errno, "cannot close", temporary);
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
      return ErrnoError(errno, fmt::format("cannot rename {} to", temporary), path);
    }
    // The rename reaches the disk when the directory is synced.
    std::string directory = std::filesystem::path(path).parent_path().string();
    if (directory.empty()) directory = ".";
    Fd dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() < 0 || ::fsync(dir.get()) != 0) {
      return ErrnoError(errno, "cannot sync the directory of", path);
    }
    return absl::OkStatus();
  };
  absl::Status written = write_file();
  if (!written.ok()) ::unlink(temporary.c_str());
  return written;
}

absl::StatusOr<SnapshotFileSummary> ReadSnapshotFileHeader(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError(errno, "cannot open snapshot file", path);
  struct stat status;
  if (::fstat(fd.get(), &status) != 0) return ErrnoError(errno, "cannot stat", path);
  std::vector<char> head(kHeaderBytes, 0);
  const ssize_t got = ::pread(fd.get(), head.data(), head.size(), 0);
  if (got < 0) return ErrnoError(errno, "cannot read", path);
  LEDD_ASSIGN_OR_RETURN(Header header,
                        CheckHeader(head.data(), static_cast<uint64_t>(status.st_size), path));
  return Summarize(header);
}

absl::StatusOr<LoadedSnapshotFile> ReadSnapshotFile(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError(errno, "cannot open snapshot file", path);
  struct stat status;
  if (::fstat(fd.get(), &status) != 0) return ErrnoError(errno, "cannot stat", path);
  if (!S_ISREG(status.st_mode)) {
    return absl::FailedPreconditionError(fmt::format("{} is not a regular file", path));
  }
  const uint64_t file_bytes = static_cast<uint64_t>(status.st_size);
  if (file_bytes < kHeaderBytes) {
    // Too short to map the header: read what there is for the magic check.
    std::vector<char> head(kHeaderBytes, 0);
    if (::pread(fd.get(), head.data(), head.size(), 0) < 0) {
      return ErrnoError(errno, "cannot read", path);
    }
    return CheckHeader(head.data(), file_bytes, path).status();
  }
  Mapping mapping;
  LEDD_RETURN_IF_ERROR(mapping.Map(fd.get(), file_bytes, path));
  LEDD_ASSIGN_OR_RETURN(Header header, CheckHeader(mapping.data(), file_bytes, path));

  // The checksums are computed in a second thread while this one copies the sections
  // (each about half of the load); nothing is used before both are done.
  // The padding after each section is zeros: then every byte of the file is checked.
  int64_t bad_section = -1;
  bool bad_padding = false;
  std::thread checker([&] {
    for (uint64_t i = 0; i < header.section_count; ++i) {
      const SectionEntry& section = header.sections[i];
      const char* bytes = mapping.data() + section.offset;
      if (Crc(bytes, section.bytes) != section.crc) {
        bad_section = static_cast<int64_t>(i);
        return;
      }
      const char* padding = bytes + section.bytes;
      const char* end = mapping.data() + AlignUp(section.offset + section.bytes);
      if (std::any_of(padding, end, [](char c) { return c != 0; })) {
        bad_padding = true;
        return;
      }
    }
  });
  auto base = std::make_shared<internal::Base>();
  Packed packed;
  size_t index = 0;
  std::vector<std::string> names;
  absl::Status filled;
  VisitArrays(*base, packed, [&](const std::string& name, auto& array) {
    if (!filled.ok()) return;
    if (index >= header.section_count) {
      filled = Corrupt(path, fmt::format("section {} ({}) is missing", index, name));
      return;
    }
    const SectionEntry& section = header.sections[index++];
    if (section.element_bytes != ElementBytes(array)) {
      filled = Corrupt(path, fmt::format("section {} ({}) has {}-byte elements, not {}", index - 1,
                                         name, section.element_bytes, ElementBytes(array)));
      return;
    }
    names.push_back(name);
    Fill(array, mapping.data() + section.offset, section.bytes);
  });
  checker.join();
  if (bad_section >= 0) {
    return Corrupt(path, fmt::format("the checksum of section {} ({}) does not match", bad_section,
                                     static_cast<size_t>(bad_section) < names.size()
                                         ? names[bad_section]
                                         : std::string("unknown")));
  }
  if (bad_padding) return Corrupt(path, "bytes between sections are not zero");
  LEDD_RETURN_IF_ERROR(filled);
  if (index != header.section_count) {
    return Corrupt(path, fmt::format("{} sections, expected {}", header.section_count, index));
  }
  LEDD_RETURN_IF_ERROR(CheckStructure(*base, packed, header, path));

  const size_t organizations = packed.organization_ids.size();
  base->organizations.resize(organizations);
  for (size_t i = 0; i < organizations; ++i) {
    OrganizationRecord& record = base->organizations[i];
    record.id = packed.organization_ids[i];
    record.is_school = packed.organization_is_school[i] != 0;
    record.name = std::string(packed.organization_name.Get(i));
    record.folded_name = std::string(packed.organization_folded_name.Get(i));
    record.industry = std::string(packed.organization_industry.Get(i));
    record.country = std::string(packed.organization_country.Get(i));
  }
  for (int dict = 0; dict < kDictCount; ++dict) {
    base->dictionaries[dict].folded = Unpack(packed.folded[dict]);
    base->dictionaries[dict].display = Unpack(packed.display[dict]);
  }
  base->connection_count = header.connections;
  base->follow_count = header.follows;
  LoadedSnapshotFile loaded;
  loaded.snapshot = std::make_shared<const Snapshot>(std::move(base), nullptr);
  loaded.summary = Summarize(header);
  return loaded;
}

}  // namespace ledd::graph
