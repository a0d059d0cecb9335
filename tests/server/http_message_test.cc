// The request target's decoding (http_message.h): what the routes' regexes and the
// handlers see of a percent-encoded path and query.

#include "ledd/server/http_message.h"

#include "gtest/gtest.h"

namespace ledd::server {
namespace {

TEST(MatchingPath, DecodesAllButEncodedSlashesAndPercents) {
  EXPECT_EQ(*MatchingPath("/api/v1/saved-searches/ingeni%C3%B8rer%20i%20Oslo"),
            "/api/v1/saved-searches/ingeniører i Oslo");
  EXPECT_EQ(*MatchingPath("/api/v1/saved-searches/a%2fb"), "/api/v1/saved-searches/a%2Fb");
  EXPECT_EQ(*MatchingPath("/x/100%25"), "/x/100%25");
  EXPECT_EQ(*DecodeComponent("a%2Fb"), "a/b");
  EXPECT_EQ(*DecodeComponent("100%25%2F"), "100%/");
}

TEST(MatchingPath, RefusesNulAndMalformedEscapes) {
  for (const char* path : {"/%00", "/index.html%00.png", "/%zz", "/%4", "/%", "relative"}) {
    EXPECT_FALSE(MatchingPath(path).ok()) << path;
  }
}

TEST(ParseTarget, SplitsTheQueryAndDecodesItsParameters) {
  HttpRequest request;
  ASSERT_TRUE(
      ParseTarget("/api/v1/search?title=Ingeni%C3%B8r&city=Oslo+S&limit=&city=x", request).ok());
  EXPECT_EQ(request.path, "/api/v1/search");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"title", "Ingeniør"}, {"city", "Oslo S"}, {"limit", ""}, {"city", "x"}};
  EXPECT_EQ(request.params, expected);
  ASSERT_TRUE(ParseTarget("http://example.org:8080/healthz?a=1", request).ok());
  EXPECT_EQ(request.path, "/healthz");
  EXPECT_FALSE(ParseTarget("/search?title=%zz", request).ok());
}

}  // namespace
}  // namespace ledd::server
