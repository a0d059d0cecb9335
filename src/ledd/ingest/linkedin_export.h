#pragma once
// Reads the ZIP archive that LinkedIn's "Get a copy of your data" produces, from memory,
// into plain values: the member's profile, positions and educations, and their
// connections. Nothing is stored; service/linkedin_import.h turns the result into a
// proposal the member reviews.
//
// What is read (docs/formats.md has the columns): Profile.csv, Positions.csv,
// Education.csv and Connections.csv, found by base name, case-insensitively, anywhere in
// the archive (an export unpacked and zipped again has them inside a folder). Every
// file is optional; an archive with none of them is refused. Headers are matched by
// name in any order and extra columns are ignored; Connections.csv may open with
// LinkedIn's "Notes:" paragraph before its header. Dates become ISO 8601 text
// ("Jan 2020" -> "2020-01", "2015" -> "2015", "01 Jan 2024" -> "2024-01-01"); Profile's
// "Geo Location" ("Bergen, Vestland, Norway") becomes a city and an ISO alpha-2 country
// (English country names, from ICU).
//
// Refusals are InvalidArgument naming file and line ("Positions.csv:7: \"Started On\"
// is not a month: Jaan 2020"): a bad row fails the whole export, so nothing is proposed
// half-way. Text is checked against the store's field limits (store/model.h), so what
// is proposed can be saved. The archive is read defensively: at most
// kMaxLinkedInEntryBytes are decompressed per file, whatever the archive claims.
//
// Pure functions of their input; thread-safe.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace ledd::ingest {

// The most a file of the export may hold once decompressed (a "zip bomb" is refused).
inline constexpr size_t kMaxLinkedInEntryBytes = 20 << 20;

// The files read, by the names LinkedIn gives them.
inline constexpr char kLinkedInProfile[] = "Profile.csv";
inline constexpr char kLinkedInPositions[] = "Positions.csv";
inline constexpr char kLinkedInEducation[] = "Education.csv";
inline constexpr char kLinkedInConnections[] = "Connections.csv";

struct LinkedInProfile {
  std::string first_name;
  std::string last_name;
  std::string headline;
  std::string summary;
  std::string industry;
  std::string city;     // From "Geo Location": its first part ("Greater Oslo Region": Oslo).
  std::string country;  // ISO alpha-2 from the last part of "Geo Location"; "" if unknown.
  std::string geo_location;  // As exported.
  // Read but not proposed: ledd keeps none of these on a profile.
  std::string maiden_name;
  std::string address;
  std::string birth_date;
  std::string zip_code;
  std::string twitter_handles;
  std::string websites;
  std::string instant_messengers;
};

struct LinkedInPosition {
  std::string company;
  std::string country;  // ISO alpha-2 from the last part of "Location"; "" if unknown.
  std::string title;
  std::string description;
  std::string location;
  std::optional<std::string> start;  // ISO: "2020-01" or "2020".
  std::optional<std::string> end;    // Absent: current.
};

struct LinkedInEducation {
  std::string school;
  std::string degree;
  std::string notes;
  std::string activities;
  std::optional<std::string> start;
  std::optional<std::string> end;
};

struct LinkedInConnection {
  std::string first_name;
  std::string last_name;
  std::string url;
  std::string email;  // Mostly empty: only members who allow it export theirs.
  std::string company;
  std::string position;
  std::optional<std::string> connected_on;  // ISO day "2024-01-01".
};

struct LinkedInFileRows {
  std::string name;  // "Profile.csv"
  size_t rows = 0;   // Data rows read (the header and preamble not counted).
};

struct LinkedInExport {
  std::optional<LinkedInProfile> profile;  // Absent without Profile.csv or its row.
  std::vector<LinkedInPosition> positions;      // In file order (LinkedIn: newest first).
  std::vector<LinkedInEducation> educations;    // In file order.
  std::vector<LinkedInConnection> connections;  // In file order.
  std::vector<LinkedInFileRows> files;          // The files found, in the order above.
};

// True when `bytes` start like a ZIP archive (a local file header, or the end record
// of an empty archive). A cheap test before ReadLinkedInExport, to tell "this is not
// a ZIP" (415 over HTTP) from "this ZIP is not a usable export" (400).
bool LooksLikeZip(std::string_view bytes);

// Reads an export from the ZIP archive in `zip` (the caller keeps it alive during the
// call). InvalidArgument for an archive libzip cannot open, an encrypted or oversized
// file, no known file at all, two files of one name, or a bad row (FILE:LINE: ...).
absl::StatusOr<LinkedInExport> ReadLinkedInExport(std::string_view zip);

// The ISO alpha-2 code of an English country name as ICU spells it ("Norway" -> "NO",
// case and accents ignored), or "" when unknown.
std::string CountryCodeOfName(std::string_view name);

}  // namespace ledd::ingest
