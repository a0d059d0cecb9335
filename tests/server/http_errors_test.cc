// The Status -> HTTP mapping (http_errors.h): what a client sees of the store's
// trouble. A full disk or an I/O error comes out of the store as Unavailable with
// SQL in its message; the client gets 503 and a generic message, and the server is
// told (internal) to log the original.

#include "ledd/server/http_errors.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ledd::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(HttpErrors, AFullDiskIs503WithAGenericMessageAndIsLogged) {
  const absl::Status full = absl::UnavailableError(
      "running \"INSERT INTO members (id, handle) VALUES (?1, ?2)\": database or disk is full");
  HttpError error = ToHttpError(full);
  EXPECT_EQ(error.status, 503);
  EXPECT_EQ(error.body["error"]["code"], "UNAVAILABLE");
  const std::string message = error.body["error"]["message"];
  EXPECT_THAT(message, Not(HasSubstr("INSERT")));
  EXPECT_THAT(message, Not(HasSubstr("disk")));
  EXPECT_THAT(message, HasSubstr("unavailable"));
  EXPECT_TRUE(error.internal);
}

TEST(HttpErrors, RetryAfterSurvivesTheGenericMessage) {
  HttpError error = ToHttpError(WithRetryAfter(absl::UnavailableError("network loading"), 3));
  EXPECT_EQ(error.status, 503);
  EXPECT_EQ(error.retry_after, 3);
}

TEST(HttpErrors, RateLimitsAre429WithTheirMessage) {
  HttpError error =
      ToHttpError(WithRetryAfter(absl::ResourceExhaustedError("too many requests"), 2));
  EXPECT_EQ(error.status, 429);
  EXPECT_EQ(error.body["error"]["code"], "RESOURCE_EXHAUSTED");
  EXPECT_EQ(error.body["error"]["message"], "too many requests");
  EXPECT_EQ(error.retry_after, 2);
  EXPECT_FALSE(error.internal);
}

TEST(HttpErrors, InternalErrorsHideTheirMessage) {
  HttpError error = ToHttpError(absl::InternalError("preparing \"SELECT secret\""));
  EXPECT_EQ(error.status, 500);
  EXPECT_EQ(error.body["error"]["message"], "internal error");
  EXPECT_TRUE(error.internal);
}

}  // namespace
}  // namespace ledd::server
