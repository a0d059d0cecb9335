#include "ledd/server/invitation_json.h"

#include <utility>

#include "fmt/format.h"
#include "ledd/base/time.h"

namespace ledd::server {

Json InvitationStateJson(const store::Invitation& invitation) {
  return {{"id", invitation.id},
          {"state", std::string(store::InvitationStateName(invitation.state))}};
}

Json EmailInvitationJson(const store::EmailInvitation& invitation) {
  auto optional = [](const std::optional<int64_t>& value) {
    return value.has_value() ? Json(*value) : Json(nullptr);
  };
  return {{"id", invitation.id},
          {"email", invitation.email},
          {"note", invitation.note},
          {"created_at", FormatDateTime(invitation.created_at)},
          {"state", std::string(store::EmailInvitationStateName(invitation.state))},
          {"claimed_by", optional(invitation.claimed_by)},
          {"claimed_at", invitation.claimed_at.has_value()
                             ? Json(FormatDateTime(*invitation.claimed_at))
                             : Json(nullptr)},
          {"invitation", optional(invitation.invitation)}};
}

Json ViaJson(const store::InvitationVia& via, const query::Provenance& provenance) {
  switch (provenance.kind) {
    case query::Provenance::Kind::kNone:
      break;
    case query::Provenance::Kind::kPost:
      return {{"kind", "post"},
              {"id", via.id},
              {"title", provenance.title},
              {"read_at", FormatDateTime(provenance.at)}};
    case query::Provenance::Kind::kAppearance:
      return {{"kind", "appearance"},
              {"id", via.id},
              {"title", provenance.title},
              {"event", provenance.event},
              {"appearance_kind", provenance.appearance_kind},
              {"date", FormatDate(provenance.at)}};
  }
  return nullptr;
}

Json InvitationJson(const store::Invitation& invitation, const query::Provenance& provenance) {
  return {{"id", invitation.id},
          {"from", invitation.from},
          {"to", invitation.to},
          {"note", invitation.note},
          {"created_at", FormatDateTime(invitation.created_at)},
          {"state", std::string(store::InvitationStateName(invitation.state))},
          {"via", ViaJson(invitation.via, provenance)}};
}

Json AdviceJson(const query::Advice& advice) {
  Json reasons = Json::array();
  for (const query::Reason& reason : advice.reasons) {
    reasons.push_back({{"code", reason.code}, {"weight", reason.weight}, {"text", reason.text}});
  }
  return {{"decision", std::string(query::DecisionName(advice.decision))},
          {"score", advice.score},
          {"reasons", reasons}};
}

Json AdviceWithReachJson(const query::Advice& advice, const store::InvitationVia& via,
                         const query::Provenance& provenance) {
  Json result = AdviceJson(advice);
  result["marginal_reach"] = advice.marginal_reach;
  result["via"] = ViaJson(via, provenance);
  return result;
}

Json BoxJson(const std::vector<service::BoxEntry>& entries) {
  Json list = Json::array();
  for (const service::BoxEntry& entry : entries) {
    Json item = InvitationJson(entry.invitation, entry.via);
    item["advice"] = entry.advice ? AdviceJson(*entry.advice) : Json(nullptr);
    item["marginal_reach"] = entry.advice ? Json(entry.advice->marginal_reach) : Json(nullptr);
    Json searches = Json::array();
    for (const service::SavedSearchMatches& search : entry.saved_searches) {
      searches.push_back({{"name", search.name}, {"matches", search.matches}});
    }
    // Like advice: null where there is nothing to decide, a list (maybe empty) where there is.
    item["saved_searches"] = entry.advice ? searches : Json(nullptr);
    list.push_back(std::move(item));
  }
  return {{"invitations", list}};
}

Json ContactsReportJson(MemberId member, const service::ContactsReportResult& result) {
  const graph::Snapshot& snapshot = *result.snapshot;
  const query::ContactsReport& report = result.report;
  const query::ReachResult& reach = report.reach;
  Json curve = Json::array();
  for (size_t k = 0; k < report.curve.size(); ++k) {
    const query::ReachStep& step = report.curve[k];
    Json sender = step.sender == kNoNode ? Json(nullptr) : Json(snapshot.Id(step.sender));
    curve.push_back({{"k", k}, {"sender", sender}, {"gain", step.gain}, {"reach", step.reach}});
  }
  return {{"member", member},
          {"contacts", report.contacts},
          {"percentile", report.percentile},
          {"reach",
           {{"first", reach.first},
            {"second", reach.second},
            {"naive", reach.naive},
            {"blog_estimate", reach.blog_estimate},
            {"overlap", reach.overlap}}},
          {"advised_accept", report.advised_accept},
          {"reach_if_accepted", report.reach_if_accepted},
          {"curve", curve}};
}

std::string MarketsText(const store::Markets& markets) {
  switch (markets.kind) {
    case store::Markets::Kind::kHome:
      return "home";
    case store::Markets::Kind::kInternational:
      return "international";
    case store::Markets::Kind::kListed:
      break;
  }
  return fmt::format("{}", fmt::join(markets.countries, ","));
}

Json SettingsJson(const store::Member& member) {
  return {{"member", member.id},
          {"policy", std::string(store::PolicyName(member.policy))},
          {"markets", MarketsText(member.markets)}};
}

std::vector<std::pair<std::string, std::string*>> SavedSearchFilterFields(
    store::SavedSearchFilters& filters) {
  return {{"title", &filters.title},       {"city", &filters.city},
          {"country", &filters.country},   {"company", &filters.company},
          {"school", &filters.school},     {"field", &filters.field},
          {"industry", &filters.industry}, {"name", &filters.name}};
}

Json SavedSearchJson(const store::SavedSearch& search) {
  store::SavedSearchFilters copy = search.filters;
  Json filters = Json::object();
  for (const auto& [key, value] : SavedSearchFilterFields(copy)) {
    if (!value->empty()) filters[key] = *value;
  }
  return {{"name", search.name}, {"filters", filters}, {"created_at", search.created_at}};
}

Json BlockedJson(MemberId member, const std::vector<store::MemberBlock>& blocks) {
  Json list = Json::array();
  for (const store::MemberBlock& block : blocks) {
    list.push_back({{"member", block.blocked}, {"created_at", block.created_at}});
  }
  return {{"member", member}, {"blocked", list}};
}

Json AppearanceJson(const store::Appearance& appearance) {
  return {{"id", appearance.id},
          {"member", appearance.member},
          {"kind", std::string(store::AppearanceKindName(appearance.kind))},
          {"title", appearance.title},
          {"event", appearance.event},
          {"date", FormatDate(appearance.date)},
          {"place", appearance.place},
          {"link", appearance.link},
          {"created_at", FormatDateTime(appearance.created_at)}};
}

}  // namespace ledd::server
