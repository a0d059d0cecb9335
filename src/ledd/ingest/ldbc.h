#pragma once
// Reads the LDBC Social Network Benchmark layouts in ../shared/data into ledd's model.
//
// Layouts ('|'-separated, all three):
//   kLdbcTyped      neo4j-import headers ("id:ID(Person)|firstName:STRING|...",
//                   ":START_ID(Person)|:END_ID(Person)|creationDate:LONG"), dates
//                   yyyyMMddHHmmssSSS UTC, knows split over Person_knows_Person*.csv
//                   (a part without a header row takes the first part's columns).
//   kLdbcComposite  CsvComposite: static/ and dynamic/ folders, "person_0_0.csv",
//                   positional edge headers ("Person.id|Person.id|creationDate"), dates
//                   in epoch milliseconds.
//   kLdbcRaw        raw Datagen: Person.csv with creationDate|deletionDate|
//                   explicitlyDeleted, ISO 8601 dates, places and organisations merged
//                   with their isPartOf/place foreign keys.
//
// Mapping (what ledd keeps of LDBC; places, tags and messages are not imported):
//   Person       → Member: id = person id; handle = "first.last.id" folded to ASCII
//                  letters and digits (unique through the id); first and last name
//                  with '_' as space; email = the first of the ';' list if any;
//                  created_at = creationDate; city = name of the place the person is
//                  located in; country = ISO alpha-2 of that city's country (ICU's
//                  English country names plus a few LDBC spellings; empty if unknown);
//                  has_photo = true, because LDBC has no photos and the triage rules
//                  would otherwise mark every LDBC person as spam.
//   knows        → Connection (a < b, created_at = creationDate).
//   workAt       → Position: title "Employee" (LDBC has no titles; a position needs a
//                  title to count towards a serious profile), start = 1 January of
//                  workFrom, open end.
//   studyAt      → Education: school = the university, end = 1 January of classYear,
//                  no start, field or degree.
//   Company      → Organization kCompany; University → kSchool; name with '_' as
//                  space; country = alpha-2 of its country (companies) or of its
//                  city's country (universities).
//
// Deletions (kLdbcRaw): the data describes a time line; ledd imports the network as
// of one instant, `as_of`: rows created after it or deleted before it are skipped,
// and edges of a skipped person go with it (LDBC's deletions cascade). By default
// as_of is the latest deletionDate in the files (Datagen gives rows that are never
// deleted the end of the simulated time as their deletion date), but not later than
// now. In the example toy that is 2015-01-01: person 1 and the knows edge 4-5 are
// deleted earlier, leaving 4 persons and 2 knows edges.
//
// Errors are InvalidArgument "FILE:LINE: reason": a bad id or date, a person id or a
// knows end below 1 (organisation and place ids below 0), text that breaks the model's
// rules (store/model.h: invalid UTF-8, control characters, a field over its limit; place
// names are held to the city limit), a duplicate person or organisation id, a person or
// organisation already in the store, an edge naming a person or organisation that is not in the
// files (nor in the store), a self-friendship, a friendship listed twice.
//
// Thread-safety: reentrant.

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ledd/ingest/importer.h"
#include "ledd/ingest/ledd_csv.h"
#include "ledd/store/model.h"

namespace ledd::ingest {

struct LdbcOptions {
  // See "Deletions" above; only kLdbcRaw has deletion dates.
  std::optional<Timestamp> as_of = std::nullopt;
};

// The layout of `dir` judged from the files present: kLedd for members.csv, one of
// the LDBC layouts, or InvalidArgument when it is none of them.
absl::StatusOr<Format> DetectFormat(const std::string& dir);

// Reads and validates an LDBC directory of the given layout.
absl::StatusOr<store::Dataset> ReadLdbcDirectory(const std::string& dir, Format layout,
                                                 ExistingRows& existing,
                                                 const LdbcOptions& options = {});

// ISO 3166 alpha-2 code for an LDBC country name ("Norway", "United_States",
// "Republic_of_Ireland", "England"), or nullopt.
std::optional<std::string> CountryCode(std::string_view ldbc_name);

}  // namespace ledd::ingest
