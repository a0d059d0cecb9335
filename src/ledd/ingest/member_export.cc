#include "ledd/ingest/member_export.h"

#include <algorithm>
#include <fstream>
#include <vector>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/ingest/csv_writer.h"
#include "ledd/ingest/ledd_csv.h"
#include "ledd/ingest/zip_archive.h"
#include "nlohmann/json.hpp"

namespace ledd::ingest {
namespace {

using nlohmann::json;

constexpr size_t kMaxImportEntryBytes = size_t{64} << 20;

void OptionalTime(CsvWriter& writer, std::optional<Timestamp> time) {
  if (time) {
    writer.DateTime(*time);
  } else {
    writer.Empty();
  }
}

json OptionalTimeJson(std::optional<Timestamp> time) {
  return time ? json(FormatDateTime(*time)) : json(nullptr);
}

constexpr char kReadme[] = R"(Your data from ledd
===================

This archive holds everything ledd keeps about you, as of the time in export.json
("exported_at"). Your password is not in it, in any form.

Files in ledd's interchange format (comma-separated UTF-8 with a header row; times in
ISO 8601, UTC; docs/formats.md of ledd describes every column). `ledd import` reads them:

  members.csv          your profile and settings
  organizations.csv    the companies and schools your background names
  positions.csv        your experience
  educations.csv       your education
  connections.csv      your connections (member ids; a = the lower id)
  invitations.csv      invitations you sent and received
  follows.csv          whom you follow and who follows you
  posts.csv            your posts
  comments.csv         your comments, on anyone's posts
  post_views.csv       posts you read (the first read of each day)
  appearances.csv      your talks, media appearances and courses

Files with the rest:

  account.csv          the email you sign in with, and when you signed up
  saved_searches.csv   your saved searches
  email_invitations.csv  invitations you sent to email addresses
  blocks.csv           members you blocked
  notifications.csv    your notifications
  photo.jpg            your profile photo (photo-small.jpg: its small size), if any

export.json holds all of the above as one JSON document.

Importing this archive into an empty ledd database (`ledd import --db NEW.db THIS.zip`)
gives you your profile back. Rows naming members who are not in that database (your
connections, follows, invitations and comments on their posts) are skipped and counted.
)";

}  // namespace

std::string MemberExportJson(const store::MemberData& data, Timestamp exported_at) {
  const store::Member& member = data.member;
  json out;
  out["format"] = "ledd member export";
  out["version"] = 1;
  out["exported_at"] = FormatDateTime(exported_at);
  out["profile"] = {
      {"id", member.id},
      {"handle", member.handle},
      {"first_name", member.first_name},
      {"last_name", member.last_name},
      {"headline", member.headline},
      {"summary", member.summary},
      {"has_photo", member.has_photo},
      {"city", member.city},
      {"country", member.country},
      {"industry", member.industry},
      {"email", member.email},
      {"created_at", FormatDateTime(member.created_at)},
  };
  out["settings"] = {
      {"policy", store::PolicyName(member.policy)},
      {"markets", store::FormatMarkets(member.markets)},
      {"connections_visibility", store::ConnectionsVisibilityName(member.connections_visibility)},
      {"in_directory", member.in_directory},
  };
  out["account"] = data.account ? json{{"email", data.account->email},
                                       {"created_at", FormatDateTime(data.account->created_at)}}
                                : json(nullptr);
  json& organizations = out["organizations"] = json::array();
  for (const store::Organization& organization : data.organizations) {
    organizations.push_back({{"id", organization.id},
                             {"kind", store::OrganizationKindName(organization.kind)},
                             {"name", organization.name},
                             {"industry", organization.industry},
                             {"country", organization.country}});
  }
  json& positions = out["positions"] = json::array();
  for (const store::Position& position : data.positions) {
    positions.push_back({{"organization_id", position.organization_id},
                         {"title", position.title},
                         {"start", OptionalTimeJson(position.start)},
                         {"end", OptionalTimeJson(position.end)}});
  }
  json& educations = out["educations"] = json::array();
  for (const store::Education& education : data.educations) {
    educations.push_back({{"school_id", education.school_id},
                          {"field", education.field},
                          {"degree", education.degree},
                          {"start", OptionalTimeJson(education.start)},
                          {"end", OptionalTimeJson(education.end)}});
  }
  json& connections = out["connections"] = json::array();
  for (const store::Connection& connection : data.connections) {
    connections.push_back({{"member", connection.a == member.id ? connection.b : connection.a},
                           {"created_at", FormatDateTime(connection.created_at)}});
  }
  json& invitations = out["invitations"] = json::array();
  for (const store::Invitation& invitation : data.invitations) {
    invitations.push_back({{"id", invitation.id},
                           {"from", invitation.from},
                           {"to", invitation.to},
                           {"note", invitation.note},
                           {"created_at", FormatDateTime(invitation.created_at)},
                           {"state", store::InvitationStateName(invitation.state)},
                           {"via", store::FormatInvitationVia(invitation.via)}});
  }
  json& email_invitations = out["email_invitations"] = json::array();
  for (const store::EmailInvitation& invitation : data.email_invitations) {
    email_invitations.push_back(
        {{"id", invitation.id},
         {"email", invitation.email},
         {"note", invitation.note},
         {"created_at", FormatDateTime(invitation.created_at)},
         {"state", store::EmailInvitationStateName(invitation.state)},
         {"claimed_by", invitation.claimed_by ? json(*invitation.claimed_by) : json(nullptr)}});
  }
  json& follows = out["follows"] = json::array();
  for (const store::Follow& follow : data.follows) {
    follows.push_back({{"follower", follow.follower},
                       {"followee", follow.followee},
                       {"created_at", FormatDateTime(follow.created_at)}});
  }
  json& posts = out["posts"] = json::array();
  for (const store::Post& post : data.posts) {
    posts.push_back({{"id", post.id},
                     {"title", post.title},
                     {"body", post.body},
                     {"created_at", FormatDateTime(post.created_at)},
                     {"views", post.views}});
  }
  json& comments = out["comments"] = json::array();
  for (const store::Comment& comment : data.comments) {
    comments.push_back({{"id", comment.id},
                        {"post_id", comment.post_id},
                        {"body", comment.body},
                        {"created_at", FormatDateTime(comment.created_at)}});
  }
  json& reads = out["post_views"] = json::array();
  for (const store::PostView& view : data.post_views) {
    reads.push_back({{"post_id", view.post_id}, {"at", FormatDateTime(view.at)}});
  }
  json& searches = out["saved_searches"] = json::array();
  for (const store::SavedSearch& search : data.saved_searches) {
    const store::SavedSearchFilters& f = search.filters;
    searches.push_back({{"name", search.name},
                        {"filters",
                         {{"title", f.title},
                          {"city", f.city},
                          {"country", f.country},
                          {"company", f.company},
                          {"school", f.school},
                          {"field", f.field},
                          {"industry", f.industry},
                          {"name", f.name}}},
                        {"created_at", FormatDateTime(search.created_at)}});
  }
  json& appearances = out["appearances"] = json::array();
  for (const store::Appearance& appearance : data.appearances) {
    appearances.push_back({{"id", appearance.id},
                           {"kind", store::AppearanceKindName(appearance.kind)},
                           {"title", appearance.title},
                           {"event", appearance.event},
                           {"date", FormatDate(appearance.date)},
                           {"place", appearance.place},
                           {"link", appearance.link},
                           {"created_at", FormatDateTime(appearance.created_at)}});
  }
  json& blocks = out["blocks"] = json::array();
  for (const store::MemberBlock& block : data.blocks) {
    blocks.push_back({{"blocked", block.blocked}, {"created_at", FormatDateTime(block.created_at)}});
  }
  json& notifications = out["notifications"] = json::array();
  for (const store::Notification& notification : data.notifications) {
    notifications.push_back({{"id", notification.id},
                             {"kind", store::NotificationKindName(notification.kind)},
                             {"subject", notification.subject},
                             {"created_at", FormatDateTime(notification.created_at)},
                             {"read_at", OptionalTimeJson(notification.read_at)}});
  }
  out["photo"] = data.photo ? json{{"large", "photo.jpg"},
                                   {"small", "photo-small.jpg"},
                                   {"updated_at", FormatDateTime(data.photo->updated_at)}}
                            : json(nullptr);
  return out.dump(2);
}

absl::StatusOr<std::string> WriteMemberExport(const store::MemberData& data,
                                              Timestamp exported_at) {
  std::vector<ZipEntry> entries;
  auto add = [&](std::string name, CsvWriter& writer) {
    entries.push_back({.name = std::move(name), .contents = writer.Contents()});
  };
  const store::Member& member = data.member;
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"id", "handle", "first_name", "last_name", "headline", "summary", "has_photo",
                "city", "country", "industry", "email", "created_at", "policy", "markets",
                "connections_visibility", "in_directory"});
    writer.Int(member.id);
    writer.Text(member.handle);
    writer.Text(member.first_name);
    writer.Text(member.last_name);
    writer.Text(member.headline);
    writer.Text(member.summary);
    writer.Int(member.has_photo ? 1 : 0);
    writer.Text(member.city);
    writer.Text(member.country);
    writer.Text(member.industry);
    writer.Text(member.email);
    writer.DateTime(member.created_at);
    writer.Text(store::PolicyName(member.policy));
    writer.Text(store::FormatMarkets(member.markets));
    writer.Text(store::ConnectionsVisibilityName(member.connections_visibility));
    writer.Int(member.in_directory ? 1 : 0);
    writer.EndRow();
    add("members.csv", writer);
  }
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"id", "kind", "name", "industry", "country"});
    for (const store::Organization& organization : data.organizations) {
      writer.Int(organization.id);
      writer.Text(store::OrganizationKindName(organization.kind));
      writer.Text(organization.name);
      writer.Text(organization.industry);
      writer.Text(organization.country);
      writer.EndRow();
    }
    add("organizations.csv", writer);
  }
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"member_id", "organization_id", "title", "start", "end"});
    for (const store::Position& position : data.positions) {
      writer.Int(position.member_id);
      writer.Int(position.organization_id);
      writer.Text(position.title);
      OptionalTime(writer, position.start);
      OptionalTime(writer, position.end);
      writer.EndRow();
    }
    add("positions.csv", writer);
  }
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"member_id", "school_id", "field", "degree", "start", "end"});
    for (const store::Education& education : data.educations) {
      writer.Int(education.member_id);
      writer.Int(education.school_id);
      writer.Text(education.field);
      writer.Text(education.degree);
      OptionalTime(writer, education.start);
      OptionalTime(writer, education.end);
      writer.EndRow();
    }
    add("educations.csv", writer);
  }
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"a", "b", "created_at"});
    for (const store::Connection& connection : data.connections) {
      writer.Int(connection.a);
      writer.Int(connection.b);
      writer.DateTime(connection.created_at);
      writer.EndRow();
    }
    add("connections.csv", writer);
  }
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"id", "from", "to", "note", "created_at", "state", "kind", "via"});
    for (const store::Invitation& invitation : data.invitations) {
      writer.Int(invitation.id);
      writer.Int(invitation.from);
      writer.Int(invitation.to);
      writer.Text(invitation.note);
      writer.DateTime(invitation.created_at);
      writer.Text(store::InvitationStateName(invitation.state));
      writer.Text(invitation.kind);
      writer.Text(store::FormatInvitationVia(invitation.via));
      writer.EndRow();
    }
    add("invitations.csv", writer);
  }
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"follower", "followee", "created_at"});
    for (const store::Follow& follow : data.follows) {
      writer.Int(follow.follower);
      writer.Int(follow.followee);
      writer.DateTime(follow.created_at);
      writer.EndRow();
    }
    add("follows.csv", writer);
  }
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"id", "author", "title", "body", "created_at", "views"});
    for (const store::Post& post : data.posts) {
      writer.Int(post.id);
      writer.Int(post.author);
      writer.Text(post.title);
      writer.Text(post.body);
      writer.DateTime(post.created_at);
      writer.Int(post.views);
      writer.EndRow();
    }
    add("posts.csv", writer);
  }
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"id", "post_id", "author", "body", "created_at"});
    for (const store::Comment& comment : data.comments) {
      writer.Int(comment.id);
      writer.Int(comment.post_id);
      writer.Int(comment.author);
      writer.Text(comment.body);
      writer.DateTime(comment.created_at);
      writer.EndRow();
    }
    add("comments.csv", writer);
  }
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"post_id", "viewer", "at"});
    for (const store::PostView& view : data.post_views) {
      writer.Int(view.post_id);
      writer.Int(view.viewer);
      writer.DateTime(view.at);
      writer.EndRow();
    }
    add("post_views.csv", writer);
  }
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"id", "member_id", "kind", "title", "event", "date", "place", "link",
                "created_at"});
    for (const store::Appearance& appearance : data.appearances) {
      writer.Int(appearance.id);
      writer.Int(appearance.member);
      writer.Text(store::AppearanceKindName(appearance.kind));
      writer.Text(appearance.title);
      writer.Text(appearance.event);
      writer.Text(FormatDate(appearance.date));
      writer.Text(appearance.place);
      writer.Text(appearance.link);
      writer.DateTime(appearance.created_at);
      writer.EndRow();
    }
    add("appearances.csv", writer);
  }
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"email", "created_at"});
    if (data.account) {
      writer.Text(data.account->email);
      writer.DateTime(data.account->created_at);
      writer.EndRow();
    }
    add("account.csv", writer);
  }
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"name", "title", "city", "country", "company", "school", "field", "industry",
                "name_filter", "created_at"});
    for (const store::SavedSearch& search : data.saved_searches) {
      const store::SavedSearchFilters& f = search.filters;
      for (const std::string* text : {&search.name, &f.title, &f.city, &f.country, &f.company,
                                      &f.school, &f.field, &f.industry, &f.name}) {
        writer.Text(*text);
      }
      writer.DateTime(search.created_at);
      writer.EndRow();
    }
    add("saved_searches.csv", writer);
  }
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"id", "email", "note", "created_at", "state", "claimed_by"});
    for (const store::EmailInvitation& invitation : data.email_invitations) {
      writer.Int(invitation.id);
      writer.Text(invitation.email);
      writer.Text(invitation.note);
      writer.DateTime(invitation.created_at);
      writer.Text(store::EmailInvitationStateName(invitation.state));
      if (invitation.claimed_by) {
        writer.Int(*invitation.claimed_by);
      } else {
        writer.Empty();
      }
      writer.EndRow();
    }
    add("email_invitations.csv", writer);
  }
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"blocked", "created_at"});
    for (const store::MemberBlock& block : data.blocks) {
      writer.Int(block.blocked);
      writer.DateTime(block.created_at);
      writer.EndRow();
    }
    add("blocks.csv", writer);
  }
  {
    CsvWriter writer = CsvWriter::InMemory();
    writer.Row({"id", "kind", "subject", "created_at", "read_at"});
    for (const store::Notification& notification : data.notifications) {
      writer.Int(notification.id);
      writer.Text(store::NotificationKindName(notification.kind));
      writer.Int(notification.subject);
      writer.DateTime(notification.created_at);
      OptionalTime(writer, notification.read_at);
      writer.EndRow();
    }
    add("notifications.csv", writer);
  }
  if (data.photo) {
    entries.push_back({.name = "photo.jpg", .contents = data.photo->large});
    entries.push_back({.name = "photo-small.jpg", .contents = data.photo->small});
  }
  entries.push_back({.name = std::string(kMemberExportMarker),
                     .contents = MemberExportJson(data, exported_at)});
  entries.push_back({.name = "README.txt", .contents = kReadme});
  return WriteZip(entries);
}

absl::Status UnpackForImport(std::string_view bytes, const std::string& dir) {
  LEDD_ASSIGN_OR_RETURN(std::vector<ZipEntry> entries, ReadZip(bytes, kMaxImportEntryBytes));
  const std::vector<std::string>& known = LeddFileNames();
  for (const ZipEntry& entry : entries) {
    const size_t slash = entry.name.find_last_of('/');
    const std::string base = slash == std::string::npos ? entry.name : entry.name.substr(slash + 1);
    if (base != kMemberExportMarker && std::find(known.begin(), known.end(), base) == known.end()) {
      continue;
    }
    const std::string path = dir + "/" + base;
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(entry.contents.data(), static_cast<std::streamsize>(entry.contents.size()));
    file.close();
    if (!file) return absl::UnavailableError(fmt::format("{}: cannot write it", path));
  }
  return absl::OkStatus();
}

}  // namespace ledd::ingest
