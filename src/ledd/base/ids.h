#pragma once
// Identifier types shared by every module.
//
// Two id spaces never mix: `MemberId` is the stable external id of a member (an int64,
// as stored and as seen by users; LDBC person ids are large), `Node` is a dense index
// into one network snapshot, valid only for that snapshot and the ones derived from it.
// Translation between them happens once, at the edge of a query.

#include <cstdint>
#include <limits>

namespace ledd {

using MemberId = int64_t;
using OrganizationId = int64_t;
using InvitationId = int64_t;
using PostId = int64_t;
using CommentId = int64_t;
using AppearanceId = int64_t;
using EventId = int64_t;

// Seconds since 1970-01-01T00:00:00Z.
using Timestamp = int64_t;

// Dense member index inside a snapshot.
using Node = uint32_t;
inline constexpr Node kNoNode = std::numeric_limits<Node>::max();

// DESIGN.md: at most 30,000 connections per member.
inline constexpr int kMaxConnections = 30'000;

}  // namespace ledd
