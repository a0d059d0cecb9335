// POST /api/v1/me/linkedin-import: the ZIP of LinkedIn's "Get a copy of your data" in,
// a proposal out (docs/openapi.json has the answer's fields). Nothing is saved here:
// the member reviews the proposal and saves it with PUT /api/v1/me, whose background
// entries take the organizations by name, and invites the connections found.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ledd/base/status_macros.h"
#include "ledd/ingest/linkedin_export.h"
#include "ledd/server/http_errors.h"
#include "ledd/server/member_routes.h"
#include "ledd/service/linkedin_import.h"

namespace ledd::server {
namespace {

// The export of a member with tens of thousands of connections is a few MB; this
// leaves room and still bounds what one request can make the server hold.
constexpr size_t kMaxExportBytes = 20 << 20;

Json OptionalText(const std::optional<std::string>& text) {
  return text ? Json(*text) : Json(nullptr);
}

Json OptionalName(std::string_view name) { return name.empty() ? Json(nullptr) : Json(name); }

Json ProposalJson(const ingest::LinkedInExport& data,
                  const std::vector<service::ConnectionMatch>& matches,
                  const graph::Snapshot& snapshot) {
  Json profile = nullptr;
  if (data.profile) {
    profile = {{"first_name", data.profile->first_name}, {"last_name", data.profile->last_name},
               {"headline", data.profile->headline},     {"summary", data.profile->summary},
               {"industry", data.profile->industry},     {"city", data.profile->city},
               {"country", data.profile->country}};
  }
  Json positions = Json::array();
  for (const ingest::LinkedInPosition& position : data.positions) {
    Json organization = {{"name", position.company}};
    if (!position.country.empty()) organization["country"] = position.country;
    positions.push_back({{"organization", std::move(organization)},
                         {"title", position.title},
                         {"start", OptionalText(position.start)},
                         {"end", OptionalText(position.end)}});
  }
  Json educations = Json::array();
  for (const ingest::LinkedInEducation& education : data.educations) {
    // The export has no field of study: LinkedIn keeps it out of Education.csv.
    educations.push_back({{"school", {{"name", education.school}}},
                          {"field", ""},
                          {"degree", education.degree},
                          {"start", OptionalText(education.start)},
                          {"end", OptionalText(education.end)}});
  }
  Json connections = Json::array();
  for (size_t i = 0; i < data.connections.size(); ++i) {
    const ingest::LinkedInConnection& connection = data.connections[i];
    const service::ConnectionMatch& match = matches[i];
    Json member = nullptr;
    if (match.member != 0) {
      member = MemberJson(snapshot, match.node);
      member["headline"] = snapshot.Headline(match.node);
    }
    connections.push_back({{"first_name", connection.first_name},
                           {"last_name", connection.last_name},
                           {"company", connection.company},
                           {"position", connection.position},
                           {"email", connection.email},
                           {"connected_on", OptionalText(connection.connected_on)},
                           {"member", std::move(member)},
                           {"matched_by", OptionalName(service::MatchedByName(match.by))},
                           {"state", OptionalName(service::ImportStateName(match.state))}});
  }
  Json files = Json::object();
  for (const ingest::LinkedInFileRows& file : data.files) files[file.name] = file.rows;
  return {{"profile", std::move(profile)},
          {"positions", std::move(positions)},
          {"educations", std::move(educations)},
          {"connections", std::move(connections)},
          {"files", std::move(files)}};
}

}  // namespace

void AddImportRoutes(Router& router, store::Store& store, service::LiveNetwork& live) {
  router.Post(
      "/api/v1/me/linkedin-import", "/api/v1/me/linkedin-import", Auth::kRequired,
      [&store, &live](const Call& call) -> absl::StatusOr<Reply> {
        const std::string& body = call.body();
        if (body.empty()) {
          return absl::InvalidArgumentError(
              "the body must be the ZIP file of LinkedIn's data export");
        }
        if (!ingest::LooksLikeZip(body)) {
          const HttpError error = MakeHttpError(415, "UNSUPPORTED_MEDIA_TYPE",
                                                "the body is not a ZIP file");
          return Reply{.status = error.status, .body = error.body};
        }
        LEDD_ASSIGN_OR_RETURN(ingest::LinkedInExport data, ingest::ReadLinkedInExport(body));
        const std::shared_ptr<const graph::Snapshot> snapshot = live.Current();
        LEDD_ASSIGN_OR_RETURN(
            std::vector<service::ConnectionMatch> matches,
            service::MatchLinkedInConnections(store, *snapshot, call.caller(), data.connections));
        return Reply{.body = ProposalJson(data, matches, *snapshot)};
      },
      {.max_body_bytes = kMaxExportBytes,
       // Browsers on Windows label .zip files application/x-zip-compressed.
       .body_types = {"application/zip", "application/x-zip-compressed"}});
}

}  // namespace ledd::server
